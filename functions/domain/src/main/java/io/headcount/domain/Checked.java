package io.headcount.domain;

import java.util.List;

/** A value built from input, or the reasons it could not be. */
public record Checked<T>(T value, List<Violation> violations) {

    public Checked {
        violations = List.copyOf(violations);
    }

    public static <T> Checked<T> ok(T value) {
        return new Checked<>(value, List.of());
    }

    public static <T> Checked<T> invalid(List<Violation> violations) {
        return new Checked<>(null, violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }
}
