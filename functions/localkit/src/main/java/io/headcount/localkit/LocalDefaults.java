package io.headcount.localkit;

/** The names the local run, the token command and the integration tests agree on. */
public final class LocalDefaults {

    public static final String ISSUER = "https://headcount.local";
    public static final String AUDIENCE = "headcount";
    public static final String TABLE_LOGICAL_ID = "Table";
    public static final String TABLE_NAME = "headcount";
    public static final String REGION = "us-east-1";

    private LocalDefaults() {
    }
}
