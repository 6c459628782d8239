package io.headcount.domain;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The digest as a group lead reads it in the chat: plain text (Markdown-friendly) in the org's language. Silent
 * members are named only in the admins' version; members are named by id (the chat shows names from ids).
 */
public final class DigestText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private DigestText() {
    }

    public static String render(Digest d, String groupName, Language language, ZoneId zone, boolean forAdmins) {
        boolean zh = language == Language.ZH_CN;
        StringBuilder out = new StringBuilder();
        String when = d.period() == Period.DAY ? d.date().toString()
                : (zh ? d.date() + " 起一周" : "week of " + d.date());
        out.append(zh ? "【群日报】" : "Digest: ").append(groupName).append(" · ").append(when).append('\n');
        out.append(zh
                ? String.format("消息 %d 条，%d/%d 人发言（参与率 %d%%），人均 %.1f 条。",
                        d.messages(), d.activeMembers(), d.members(), percent(d.participation()), d.messagesPerMember())
                : String.format("%d messages from %d of %d members (%d%% participation), %.1f each.",
                        d.messages(), d.activeMembers(), d.members(), percent(d.participation()),
                        d.messagesPerMember())).append('\n');
        Digest.Health h = d.health();
        String change = h.change() == null ? "" : String.format(zh ? "（较上期 %+d）" : " (%+d on last period)",
                h.change());
        out.append(zh ? "健康度 " : "Health ").append(h.score()).append("/100").append(change).append(zh ? "：" : ": ")
                .append(parts(h.parts(), zh)).append('\n');
        if (!d.tags().isEmpty()) {
            StringJoiner tags = new StringJoiner(zh ? "，" : ", ");
            d.tags().forEach((tag, n) -> tags.add(tag + " " + n));
            out.append(zh ? "话题：" : "Topics tagged: ").append(tags);
            out.append(String.format(zh ? "；未打标签开场 %d%%。" : "; %d%% of openers untagged.",
                    percent(d.untaggedShare()))).append('\n');
        }
        Digest.Questions q = d.questions();
        Digest.FirstResponse fr = d.firstResponse();
        out.append(zh ? String.format("提问 %d 个，已回复 %d 个，待回复 %d 个", q.asked(), q.answered(), q.open().size())
                : String.format("%d questions, %d answered, %d open", q.asked(), q.answered(), q.open().size()));
        if (fr.medianSeconds() != null) {
            out.append(zh ? String.format("；首次响应中位 %s，P90 %s（工作时间）", span(fr.medianSeconds(), true),
                    span(fr.p90Seconds(), true))
                    : String.format("; first answer median %s, p90 %s (working hours)", span(fr.medianSeconds(), false),
                            span(fr.p90Seconds(), false)));
        }
        out.append(zh ? "。" : ".").append('\n');
        for (Digest.OpenQuestion open : q.open()) {
            out.append(zh ? "  · 待回复：" : "  · open: ").append(open.userId()).append(' ')
                    .append(TIME.format(open.at().atZone(zone))).append(" [").append(open.messageId()).append("]\n");
        }
        section(out, zh ? "重点消息" : "Key messages", d.keyMessages(), zone);
        if (!d.tasks().isEmpty()) {
            out.append(zh ? "任务：" : "Tasks:").append('\n');
            for (Digest.Task t : d.tasks()) {
                out.append("  · ").append(t.excerpt() == null ? "" : t.excerpt()).append(" → ")
                        .append(String.join(", ", t.owners())).append(" [").append(t.messageId()).append("]\n");
            }
        }
        section(out, zh ? "客户反馈" : "Customer feedback", d.feedback(), zone);
        section(out, zh ? "案例分享" : "Cases shared", d.cases(), zone);
        if (!d.topics().isEmpty()) {
            StringJoiner topics = new StringJoiner(zh ? "、" : ", ");
            d.topics().forEach(t -> topics.add(t.word()));
            out.append(zh ? "热词：" : "Talked about: ").append(topics).append('\n');
        }
        if (d.overload().flagged()) {
            out.append(zh ? "⚠ 群负载过高：" : "⚠ Overloaded: ").append(String.join(", ", d.overload().reasons()))
                    .append('\n');
        }
        if (forAdmins && !d.silentMembers().isEmpty()) {
            out.append(zh ? "本期未发言：" : "Silent this period: ").append(String.join(", ", d.silentMembers()))
                    .append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static void section(StringBuilder out, String title, List<Digest.Item> items, ZoneId zone) {
        if (items.isEmpty()) {
            return;
        }
        out.append(title).append(title.chars().anyMatch(c -> c > 127) ? "：" : ":").append('\n');
        for (Digest.Item item : items) {
            out.append("  · ").append(item.userId()).append(' ').append(TIME.format(item.at().atZone(zone)))
                    .append(' ').append(item.excerpt() == null ? "" : item.excerpt()).append(" [")
                    .append(item.messageId()).append("]\n");
        }
    }

    private static String parts(Map<String, Integer> parts, boolean zh) {
        StringJoiner joined = new StringJoiner(zh ? "，" : ", ");
        parts.forEach((name, value) -> joined.add((zh ? PART_NAMES_ZH.getOrDefault(name, name) : name) + " " + value));
        return joined.toString();
    }

    private static final Map<String, String> PART_NAMES_ZH = Map.of(
            "participation", "参与", "answers", "回复", "speed", "速度", "topics", "话题规范", "size", "规模");

    private static int percent(double share) {
        return (int) Math.round(share * 100);
    }

    private static String span(long seconds, boolean zh) {
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return minutes + (zh ? " 分钟" : " min");
        }
        return String.format(zh ? "%.1f 小时" : "%.1f h", minutes / 60.0);
    }
}
