package io.headcount.adapters;

import io.headcount.domain.Violation;
import java.util.List;

/** The one way a request fails. Its message is shown to the caller, so it never carries secrets or message text. */
public final class ApiError extends RuntimeException {
    private final ErrorCode code;
    private final List<Violation> violations;

    public ApiError(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiError(ErrorCode code, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public static ApiError invalid(List<Violation> violations) {
        return new ApiError(ErrorCode.INVALID_INPUT, "invalid values: " + violations, violations);
    }

    public static ApiError forbidden() {
        return new ApiError(ErrorCode.FORBIDDEN, "this token may not do that in this org");
    }

    public static ApiError notFound(String what) {
        return new ApiError(ErrorCode.NOT_FOUND, what + " not found");
    }

    public ErrorCode code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
