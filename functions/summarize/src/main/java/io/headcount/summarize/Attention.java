package io.headcount.summarize;

import java.util.List;

/**
 * The org roll-up: every group of the period with its health and the reasons it needs a lead's attention, most
 * reasons first, then the least healthy.
 */
record Attention(String period, String date, List<Entry> groups) {

    /** Reasons, each with its threshold: OVER_CAP, LOW_PARTICIPATION (< 30%), SLOW_ANSWERS (median > 2 working
     * hours), OPEN_QUESTIONS (3 or more still open). */
    record Entry(String groupId, String name, int score, int members, int cap, double participation,
            Long medianFirstResponseSeconds, int openQuestions, List<String> reasons) {
    }
}
