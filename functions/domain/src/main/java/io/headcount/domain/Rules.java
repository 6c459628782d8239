package io.headcount.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects violations field by field, so one answer lists every problem of an input. */
final class Rules {
    private final List<Violation> violations = new ArrayList<>();

    boolean ok() {
        return violations.isEmpty();
    }

    List<Violation> violations() {
        return violations;
    }

    void fail(String field, String problem) {
        violations.add(new Violation(field, problem));
    }

    void id(String field, String value) {
        if (value == null) {
            fail(field, "is required");
        } else if (!Ids.isValid(value)) {
            fail(field, "must be 1-" + Ids.MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -");
        }
    }

    void text(String field, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                fail(field, "is required");
            }
        } else if (required && value.isBlank()) {
            fail(field, "must not be blank");
        } else if (value.codePointCount(0, value.length()) > max) {
            fail(field, "must be at most " + max + " characters");
        } else if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            fail(field, "must not contain control characters");
        } else if (!wellFormed(value)) {
            fail(field, "must be valid Unicode (it has an unpaired surrogate escape)");
        }
    }

    /** Text with an unpaired UTF-16 surrogate (JSON lets "\\ud800" through) cannot be stored or shown. */
    static boolean wellFormed(String value) {
        return value.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    void ids(String field, List<String> values, int max) {
        if (values == null) {
            return;
        }
        if (values.size() > max) {
            fail(field, "must have at most " + max + " entries");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            id(field + "[" + i + "]", values.get(i));
        }
        if (values.stream().distinct().count() != values.size()) {
            fail(field, "must not repeat an entry");
        }
    }

    <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, E fallback) {
        if (value == null) {
            if (fallback == null) {
                fail(field, "is required");
            }
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        fail(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        return fallback;
    }

    void range(String field, Integer value, int min, int max) {
        if (value == null) {
            fail(field, "is required");
        } else if (value < min || value > max) {
            fail(field, "must be between " + min + " and " + max);
        }
    }
}
