package io.headcount.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps HTTP requests to API Gateway HTTP API events (payload format 2.0) and function responses back to HTTP, the
 * way API Gateway does it in front of a Lambda function.
 */
public final class GatewayEvents {
    /** What {@code sam local start-api} puts in as the account; there is no account locally. */
    static final String ACCOUNT_ID = "123456789012";
    static final String API_ID = "local";
    static final String STAGE = "$default";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private GatewayEvents() {
    }

    /**
     * The event API Gateway would send for {@code request} on {@code route}: lower-cased headers (repeated ones
     * joined with commas), cookies moved from the Cookie header into {@code cookies}, decoded query parameters
     * (repeated ones joined with commas), decoded path parameters, the body as UTF-8 text.
     */
    public static APIGatewayV2HTTPEvent event(LocalRequest request, RouteTemplate route, Map<String, String> pathParams,
            String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.strip());
                        }
                    }
                });
                return;
            }
            String joined = String.join(",", values);
            headers.merge(lower, joined, (a, b) -> a + "," + b);
        });
        String host = headers.getOrDefault("host", "127.0.0.1");
        int dot = host.indexOf('.');
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(request.method().toUpperCase(Locale.ROOT))
                .withPath(request.rawPath())
                .withProtocol("HTTP/1.1")
                .withSourceIp(request.sourceIp())
                .withUserAgent(headers.get("user-agent"))
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(ACCOUNT_ID)
                .withApiId(API_ID)
                .withDomainName(host)
                .withDomainPrefix(dot < 0 ? host : host.substring(0, dot))
                .withRequestId(requestId)
                .withRouteKey(route.routeKey())
                .withStage(STAGE)
                .withTime(TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(http)
                .build();
        Map<String, String> query = queryParameters(request.rawQuery());
        byte[] body = request.body();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParams.isEmpty() ? null : new LinkedHashMap<>(pathParams))
                .withRequestContext(context)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    /** The HTTP answer for a function's response: its status, headers, cookies and (base64-decoded if so marked) body. */
    public static LocalResponse response(APIGatewayV2HTTPResponse response, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> headers.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.computeIfAbsent("Set-Cookie", x -> new ArrayList<>()).addAll(response.getCookies());
        }
        headers.put("apigw-requestid", List.of(requestId));
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        // API Gateway answers 200 when a function leaves the status out.
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        return new LocalResponse(status, headers, bytes);
    }

    /** The one error shape, {@code {"error": CODE, "message": ...}}, for answers the gateway gives itself. */
    public static LocalResponse error(int status, String code, String message, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json; charset=utf-8"));
        if (requestId != null) {
            headers.put("apigw-requestid", List.of(requestId));
        }
        String body = "{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}";
        return new LocalResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Decoded query parameters; a name given more than once gets its values joined with commas, as API Gateway does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    /** One path segment, percent-decoded ('+' stays '+': it means a space only in query strings). */
    static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
