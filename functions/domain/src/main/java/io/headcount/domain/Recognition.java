package io.headcount.domain;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The week's thanks to a group or an org, as posted in the chat: the top contributors and their badges. */
public final class Recognition {
    private static final Map<String, String> BADGES_ZH = Map.of("TOP_CONTRIBUTOR", "本周之星", "FAST_RESPONDER",
            "快速响应", "CASE_SHARER", "案例分享达人", "CUSTOMER_VOICE", "客户之声");
    private static final Map<String, String> BADGES_EN = Map.of("TOP_CONTRIBUTOR", "top contributor",
            "FAST_RESPONDER", "fast responder", "CASE_SHARER", "case sharer", "CUSTOMER_VOICE", "customer voice");

    private Recognition() {
    }

    /** The first {@code top} members with points, one line each; a quiet week says so. */
    public static String text(List<Scoring.MemberScore> board, String weekOf, Language language, int top) {
        boolean zh = language == Language.ZH_CN;
        List<Scoring.MemberScore> shown = board.stream().filter(s -> s.points() > 0).limit(top).toList();
        if (shown.isEmpty()) {
            return zh ? "【本周贡献】" + weekOf + " 起的一周暂无得分。" : "Contributions, week of " + weekOf + ": no points yet.";
        }
        StringBuilder out = new StringBuilder(zh ? "【本周贡献】" + weekOf + " 起的一周，感谢：\n"
                : "Contributions, week of " + weekOf + " — thank you:\n");
        for (Scoring.MemberScore s : shown) {
            StringJoiner badges = new StringJoiner(zh ? "、" : ", ");
            s.badges().forEach(b -> badges.add((zh ? BADGES_ZH : BADGES_EN).getOrDefault(b, b)));
            out.append(s.rank()).append(". ").append(s.userId()).append(' ').append(s.points())
                    .append(zh ? " 分" : " points");
            if (badges.length() > 0) {
                out.append(zh ? "（" : " (").append(badges).append(zh ? "）" : ")");
            }
            if (s.streak() > 1) {
                out.append(zh ? "，连续 " + s.streak() + " 周" : ", " + s.streak() + " weeks in a row");
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
