package io.headcount.scorereward;

import io.headcount.domain.Scoring;
import java.util.List;
import java.util.StringJoiner;

/**
 * A leaderboard as the API answers it ({@code group} absent for the org's) with its recognition text in the org's
 * language, and its CSV export for HR.
 */
record Leaderboard(String period, String date, String group, List<Scoring.MemberScore> entries, String recognition) {

    static String csv(List<Scoring.MemberScore> entries) {
        StringBuilder out = new StringBuilder("rank,userId,points,badges,streak");
        Scoring.KINDS.forEach(k -> out.append(',').append(k));
        out.append("\r\n");
        for (Scoring.MemberScore s : entries) {
            StringJoiner row = new StringJoiner(",");
            row.add(Integer.toString(s.rank())).add(cell(s.userId())).add(Integer.toString(s.points()))
                    .add(cell(String.join(";", s.badges()))).add(Integer.toString(s.streak()));
            Scoring.KINDS.forEach(k -> row.add(Integer.toString(s.breakdown().getOrDefault(k, 0))));
            out.append(row).append("\r\n");
        }
        return out.toString();
    }

    /** Spreadsheet-safe: a cell that a spreadsheet would take for a formula is prefixed with a quote. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
