package io.headcount.adapters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.headcount.domain.Caller;
import io.headcount.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** One authenticated API Gateway request, with typed access to its path, query and body. */
public final class Request {
    /** Largest JSON body any route takes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final Caller caller;

    Request(APIGatewayV2HTTPEvent event, Caller caller) {
        this.event = event;
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    /** A path parameter that names an org, group or member: it must be a valid id. */
    public String id(String name) {
        String value = pathParameter(event, name);
        if (!Ids.isValid(value)) {
            throw new ApiError(ErrorCode.MALFORMED_REQUEST, "path parameter '" + name + "' is not a valid id");
        }
        return value;
    }

    /**
     * A query parameter naming a day (YYYY-MM-DD) from 2000 up to tomorrow; {@code today} when absent. Anything
     * else is INVALID_INPUT.
     */
    public LocalDate day(String name, LocalDate today) {
        String value = query(name).orElse(null);
        if (value == null) {
            return today;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.getYear() < 2000 || day.isAfter(today.plusDays(1))) {
                throw new ApiError(ErrorCode.INVALID_INPUT, name + " must be a day from 2000 up to today");
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new ApiError(ErrorCode.INVALID_INPUT, name + " must be YYYY-MM-DD");
        }
    }

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return Optional.ofNullable(query == null ? null : query.get(name));
    }

    /** Parses the body as JSON into {@code type}; too large, missing or malformed bodies are refused before use. */
    public <T> T body(Class<T> type) {
        return Json.read(bytes(MAX_BODY_BYTES), type);
    }

    /** The body as sent (for signature checks and routes that take larger bodies), refused before parsing when
     * it is larger than {@code maxBytes} or empty. */
    public byte[] bytes(int maxBytes) {
        // Every character is at least one byte, and base64 makes a body 4/3 as long: refuse on length alone.
        String body = event.getBody();
        if (body != null && body.length() > (event.getIsBase64Encoded() ? 4L * (maxBytes / 3 + 1) : maxBytes)) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes = rawBody(event);
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (bytes.length == 0) {
            throw new ApiError(ErrorCode.MALFORMED_REQUEST, "a request body is required");
        }
        return bytes;
    }

    private static ApiError tooLarge(int maxBytes) {
        return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBytes + " bytes");
    }

    /** A request header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(header(event, name));
    }

    static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }

    static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ApiError(ErrorCode.MALFORMED_REQUEST, "the body is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
