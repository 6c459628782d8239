package io.headcount.regroup;

import java.util.List;

/**
 * What the weekly run did: orgs visited, plans made and kept, their operations, plans applied (orgs whose policy
 * says autoApply), and orgs that failed (by error type only).
 */
record RegroupReport(String job, int orgs, int plans, int operations, int applied, List<Failure> failures,
        long millis) {

    record Failure(String org, String error) {
    }
}
