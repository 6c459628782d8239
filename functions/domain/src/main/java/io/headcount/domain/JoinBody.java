package io.headcount.domain;

import java.util.List;

/** The body of join and leave: whom the request is for. */
public record JoinBody(String userId) {

    public List<Violation> check() {
        Rules rules = new Rules();
        rules.id("userId", userId);
        return rules.violations();
    }
}
