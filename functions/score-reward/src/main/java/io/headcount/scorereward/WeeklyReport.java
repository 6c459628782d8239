package io.headcount.scorereward;

import java.util.List;

/** What the weekly run did: orgs scored, awards written now, awards already in the ledger, orgs that failed. */
record WeeklyReport(String job, int orgs, int awardsWritten, int awardsAlreadyKept, List<Failure> failed,
        long millis) {

    record Failure(String org, String error) {
    }
}
