package io.headcount.local;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the local server, before API Gateway's mapping.
 *
 * @param rawPath  the path as sent, still percent-encoded, without the query
 * @param rawQuery the query string as sent, without '?', or empty
 * @param headers  header name (any case) to its values in arrival order
 */
public record LocalRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        byte[] body, String sourceIp) {

    public LocalRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = headers == null ? Map.of() : headers;
        body = body == null ? new byte[0] : body;
        sourceIp = sourceIp == null ? "127.0.0.1" : sourceIp;
    }

    /** A JSON request from in-process callers (the demo seeder), with an optional bearer token. */
    public static LocalRequest json(String method, String pathAndQuery, String bearerToken, String jsonBody) {
        int q = pathAndQuery.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1"));
        headers.put("user-agent", List.of("headcount-local"));
        if (jsonBody != null) {
            headers.put("content-type", List.of("application/json; charset=utf-8"));
        }
        if (bearerToken != null) {
            headers.put("authorization", List.of("Bearer " + bearerToken));
        }
        return new LocalRequest(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1), headers,
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }
}
