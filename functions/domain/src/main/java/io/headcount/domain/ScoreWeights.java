package io.headcount.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each contribution is worth and where anti-gaming draws its lines. An org's policy may override them; the
 * defaults are written down in the README.
 *
 * @param message          a substantive message (3 characters or more, not a courtesy, not a repeat)
 * @param tagged           on top, when it opens with one of the org's tags
 * @param answer           the first answer to another member's question
 * @param fastAnswer       on top, when that answer came within {@code sla} working time
 * @param caseShared       a 【案例分享】
 * @param feedback         a 【客户反馈】
 * @param reaction         per member who reacted (at most {@code maxReactors} per message, never the author)
 * @param removedByAdmin   a message an admin removed (negative)
 * @param untagged         an opener without a tag in a group that requires tags (negative)
 * @param dailyCap         most points a member's messages earn in one local day
 * @param cooldown         after a scoring message, the author's next messages score nothing for this long
 * @param reciprocalShare  a pair whose replies go to each other at least this share of the time ...
 * @param reciprocalMinimum ... with at least this many replies each way is a reciprocal pair
 * @param reciprocalPercent and their replies to each other keep this percentage of their points (rounded down)
 */
public record ScoreWeights(
        int message,
        int tagged,
        int answer,
        int fastAnswer,
        int caseShared,
        int feedback,
        int reaction,
        int removedByAdmin,
        int untagged,
        int dailyCap,
        Duration cooldown,
        Duration sla,
        int minCharacters,
        Duration duplicateWindow,
        int maxReactors,
        double reciprocalShare,
        int reciprocalMinimum,
        int reciprocalPercent) {

    public static final ScoreWeights DEFAULT = new ScoreWeights(1, 1, 3, 2, 3, 2, 1, -5, -1, 30,
            Duration.ofSeconds(60), Duration.ofMinutes(30), 3, Duration.ofHours(24), 3, 0.8, 4, 25);

    /** The weights a policy may set, by name, in this order. */
    public static final List<String> POINTS = List.of("message", "tagged", "answer", "fastAnswer", "caseShared",
            "feedback", "reaction", "removedByAdmin", "untagged", "dailyCap");

    public Map<String, Integer> points() {
        Map<String, Integer> points = new LinkedHashMap<>();
        int[] values = {message, tagged, answer, fastAnswer, caseShared, feedback, reaction, removedByAdmin, untagged,
            dailyCap};
        for (int i = 0; i < values.length; i++) {
            points.put(POINTS.get(i), values[i]);
        }
        return points;
    }

    /** These weights with some points replaced (names from {@link #POINTS}). */
    public ScoreWeights withPoints(Map<String, Integer> changes) {
        Map<String, Integer> p = new LinkedHashMap<>(points());
        p.putAll(changes);
        return new ScoreWeights(p.get("message"), p.get("tagged"), p.get("answer"), p.get("fastAnswer"),
                p.get("caseShared"), p.get("feedback"), p.get("reaction"), p.get("removedByAdmin"), p.get("untagged"),
                p.get("dailyCap"), cooldown, sla, minCharacters, duplicateWindow, maxReactors, reciprocalShare,
                reciprocalMinimum, reciprocalPercent);
    }
}
