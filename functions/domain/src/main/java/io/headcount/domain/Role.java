package io.headcount.domain;

import java.util.Arrays;
import java.util.Optional;

/** Roles carried in a token's {@code groups} claim. */
public enum Role {
    /** Administers the org. */
    ADMIN("admin"),
    /** Moderates the groups it administers. */
    GROUP_ADMIN("group-admin"),
    /** Acts for itself. */
    MEMBER("member"),
    /** The chat connector: acts for any member of its org. */
    BOT("bot");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String claim) {
        return Arrays.stream(values()).filter(r -> r.claim.equals(claim)).findFirst();
    }
}
