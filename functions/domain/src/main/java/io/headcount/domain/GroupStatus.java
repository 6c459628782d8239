package io.headcount.domain;

public enum GroupStatus {
    ACTIVE, ARCHIVED
}
