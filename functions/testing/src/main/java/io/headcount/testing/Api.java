package io.headcount.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds API Gateway HTTP API (v2) events the way API Gateway sends them, and reads answers. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    private Api() {
    }

    /** routeKey like {@code POST /orgs/{org}/groups/{group}/join}; params fill the braces. */
    public static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> params, String body, String token) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String template = routeKey.substring(routeKey.indexOf(' ') + 1);
        Matcher m = PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(params.getOrDefault(m.group(1), "")));
        }
        m.appendTail(path);
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path.toString()).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString()).withRouteKey(routeKey).withStage("$default")
                .withHttp(http).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path.toString()).withRawQueryString("")
                .withHeaders(headers).withPathParameters(new LinkedHashMap<>(params)).withRequestContext(context)
                .withBody(body).withIsBase64Encoded(false).build();
    }

    public static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    /** A request body from maps and lists. */
    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new AssertionError("cannot encode " + body, e);
        }
    }

    public static String userBody(String userId) {
        return "{\"userId\":\"" + userId + "\"}";
    }
}
