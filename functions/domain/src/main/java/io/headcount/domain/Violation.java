package io.headcount.domain;

/** One thing wrong with an input: which field and why. */
public record Violation(String field, String problem) {

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
