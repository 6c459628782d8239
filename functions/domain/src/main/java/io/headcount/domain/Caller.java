package io.headcount.domain;

import java.util.Set;

/** Who is calling, from a verified token: the subject, the org it belongs to, and its roles. */
public record Caller(String subject, String org, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
