package io.headcount.domain;

import java.util.regex.Pattern;

/** Identifiers of orgs, groups and members: 1–64 characters of {@code [A-Za-z0-9._-]}. */
public final class Ids {
    public static final int MAX_LENGTH = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
