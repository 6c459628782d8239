package io.headcount.domain;

/** The short human sentence that goes with every join decision, in the org's language. */
public final class Messages {

    private Messages() {
    }

    /**
     * @param requested the group the member asked to join
     * @param seated    the group of the answer (the same as requested unless redirected or opened)
     * @param member    the joiner, or null when unknown
     */
    public static String forDecision(Decision decision, Language language, Group requested, Group seated,
            Member member, int maxGroups) {
        boolean zh = language == Language.ZH_CN;
        String asked = requested.name();
        String target = seated.name();
        String text = switch (decision.outcome()) {
            case ADMITTED -> zh ? "欢迎加入「" + target + "」。" : "Welcome to " + target + ".";
            case ALREADY_MEMBER -> zh ? "你已在「" + target + "」中。" : "You are already in " + target + ".";
            case REDIRECTED -> zh ? "「" + asked + "」已满，已为你安排到「" + target + "」。"
                    : asked + " is full; you have a seat in " + target + " instead.";
            case OVERFLOW_OPENED -> zh ? "「" + asked + "」及同类群均已满，已新开「" + target + "」并为你留好席位。"
                    : asked + " and its sibling groups are full; " + target + " was opened with a seat for you.";
            case WAITLISTED -> zh ? "「" + asked + "」已满，你在候补名单第 " + decision.position() + " 位，有空位时自动入群。"
                    : asked + " is full; you are number " + decision.position()
                            + " on the waitlist and will be admitted when a seat frees up.";
            case DENIED -> denial(decision.reason(), zh, requested, maxGroups);
        };
        if (decision.outcome().seats() && seated.welcome() != null && !seated.welcome().isBlank()) {
            text = text + (zh ? "" : " ") + welcome(seated.welcome(), member);
        }
        return text;
    }

    /** The group's welcome text with {name} replaced by the member's display name. */
    public static String welcome(String template, Member member) {
        String name = member == null ? "" : member.name();
        return template.replace("{name}", name);
    }

    private static String denial(DenialReason reason, boolean zh, Group group, int maxGroups) {
        String name = group.name();
        return switch (reason) {
            case GROUP_FULL -> zh ? "「" + name + "」已满（上限 " + group.cap() + " 人），暂时无法加入。"
                    : name + " is full (cap " + group.cap() + ").";
            case NOT_ELIGIBLE -> zh ? "「" + name + "」只面向" + scope(group, true) + "，你目前不符合入群条件。"
                    : name + " is for " + scope(group, false) + " only.";
            case TOO_MANY_GROUPS -> zh ? "你已加入 " + maxGroups + " 个群，达到上限，请先退出一个群再加入「" + name + "」。"
                    : "You are already in " + maxGroups + " groups, the most allowed; leave one before joining "
                            + name + ".";
            case GROUP_ARCHIVED -> zh ? "「" + name + "」已归档，不再接收新成员。"
                    : name + " is archived and takes no new members.";
            case UNKNOWN_MEMBER -> zh ? "花名册中没有这位成员，无法加入「" + name + "」，请联系管理员。"
                    : "This person is not on the roster and cannot join " + name + "; ask an administrator.";
        };
    }

    private static String scope(Group group, boolean zh) {
        return switch (group.kind()) {
            case FUNCTION -> zh ? "职能 " + group.key() + " 的成员" : "members of the " + group.key() + " function";
            case PROJECT -> zh ? "项目 " + group.key() + " 的成员" : "members of project " + group.key();
            case GENERAL -> zh ? "指定成员" : "invited members";
        };
    }
}
