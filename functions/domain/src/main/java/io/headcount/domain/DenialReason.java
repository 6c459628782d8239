package io.headcount.domain;

public enum DenialReason {
    GROUP_FULL, NOT_ELIGIBLE, TOO_MANY_GROUPS, GROUP_ARCHIVED, UNKNOWN_MEMBER
}
