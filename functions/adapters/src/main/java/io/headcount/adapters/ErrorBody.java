package io.headcount.adapters;

import io.headcount.domain.Violation;
import java.util.List;

/** The JSON every failure answers with. */
public record ErrorBody(String error, String message, List<Violation> violations) {

    static ErrorBody of(ApiError e) {
        return new ErrorBody(e.code().name(), e.getMessage(), e.violations().isEmpty() ? null : e.violations());
    }
}
