package io.headcount.adapters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.headcount.domain.Caller;
import io.headcount.domain.Ids;
import java.nio.charset.StandardCharsets;
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

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return Optional.ofNullable(query == null ? null : query.get(name));
    }

    /** Parses the body as JSON into {@code type}; too large, missing or malformed bodies are refused before use. */
    public <T> T body(Class<T> type) {
        byte[] bytes = rawBody(event);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new ApiError(ErrorCode.MALFORMED_REQUEST, "a JSON body is required");
        }
        return Json.read(bytes, type);
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
