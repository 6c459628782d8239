package io.headcount.domain;

/** What a group is organised around: a function (market expansion...), a project, or nothing in particular. */
public enum GroupKind {
    FUNCTION, PROJECT, GENERAL
}
