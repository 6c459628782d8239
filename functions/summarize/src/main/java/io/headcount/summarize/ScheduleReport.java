package io.headcount.summarize;

import java.util.List;

/**
 * What a scheduled run did: orgs visited, digests made, digests posted to their group's webhook, groups that failed
 * (and why, by error type only).
 */
record ScheduleReport(String job, int orgs, int digests, int posted, List<Failure> failed, long millis) {

    record Failure(String org, String groupId, String error) {
    }
}
