package io.headcount.domain;

public enum MemberStatus {
    ACTIVE, LEFT
}
