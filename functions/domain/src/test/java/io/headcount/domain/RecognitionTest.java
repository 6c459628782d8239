package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecognitionTest {
    static Scoring.MemberScore score(int rank, String user, int points, List<String> badges, int streak) {
        return new Scoring.MemberScore(rank, user, points, badges, Map.of(), Map.of(), streak);
    }

    static final List<Scoring.MemberScore> BOARD = List.of(
            score(1, "wang.jing", 47, List.of("TOP_CONTRIBUTOR", "FAST_RESPONDER"), 6),
            score(2, "li.na", 12, List.of(), 1), score(3, "quiet", 0, List.of(), 0));

    @Test
    void theTopContributorsAreThankedInTheOrgsLanguage() {
        assertEquals("【本周贡献】2026-11-23 起的一周，感谢：\n1. wang.jing 47 分（本周之星、快速响应），连续 6 周\n2. li.na 12 分",
                Recognition.text(BOARD, "2026-11-23", Language.ZH_CN, 5));
        assertEquals("Contributions, week of 2026-11-23 — thank you:\n"
                + "1. wang.jing 47 points (top contributor, fast responder), 6 weeks in a row",
                Recognition.text(BOARD, "2026-11-23", Language.EN, 1));
    }

    @Test
    void aQuietWeekSaysSo() {
        assertEquals("【本周贡献】2026-11-23 起的一周暂无得分。",
                Recognition.text(List.of(score(1, "quiet", 0, List.of(), 0)), "2026-11-23", Language.ZH_CN, 5));
    }
}
