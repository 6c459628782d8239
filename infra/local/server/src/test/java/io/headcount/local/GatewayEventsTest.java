package io.headcount.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events are shaped as API Gateway HTTP API (payload format 2.0) shapes them. */
class GatewayEventsTest {

    @Test
    void anEventCarriesWhatApiGatewayWouldPutIn() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:8080"));
        headers.put("Authorization", List.of("Bearer abc"));
        headers.put("X-Multi", List.of("a", "b"));
        headers.put("Cookie", List.of("s=1; t=2"));
        headers.put("User-Agent", List.of("curl/8"));
        LocalRequest request = new LocalRequest("POST", "/orgs/demo/groups/cm%2D1/join", "a=1&b=x%20y&a=2&flag",
                headers, "{\"userId\":\"王芳\"}".getBytes(StandardCharsets.UTF_8), "10.0.0.7");
        RouteTemplate route = RouteTemplate.of("POST", "/orgs/{org}/groups/{group}/join");
        Instant now = Instant.parse("2027-03-12T19:03:58Z");

        APIGatewayV2HTTPEvent e = GatewayEvents.event(request, route, Map.of("org", "demo", "group", "cm-1"), "rid-1", now);

        assertEquals("2.0", e.getVersion());
        assertEquals("POST /orgs/{org}/groups/{group}/join", e.getRouteKey());
        assertEquals("/orgs/demo/groups/cm%2D1/join", e.getRawPath());
        assertEquals("a=1&b=x%20y&a=2&flag", e.getRawQueryString());
        assertEquals(Map.of("a", "1,2", "b", "x y", "flag", ""), e.getQueryStringParameters());
        assertEquals(Map.of("org", "demo", "group", "cm-1"), e.getPathParameters());
        assertEquals("Bearer abc", e.getHeaders().get("authorization"));
        assertEquals("a,b", e.getHeaders().get("x-multi"));
        assertFalse(e.getHeaders().containsKey("cookie"));
        assertEquals(List.of("s=1", "t=2"), e.getCookies());
        assertEquals("{\"userId\":\"王芳\"}", e.getBody());
        assertFalse(e.getIsBase64Encoded());
        APIGatewayV2HTTPEvent.RequestContext c = e.getRequestContext();
        assertEquals("rid-1", c.getRequestId());
        assertEquals("POST /orgs/{org}/groups/{group}/join", c.getRouteKey());
        assertEquals("$default", c.getStage());
        assertEquals("POST", c.getHttp().getMethod());
        assertEquals("/orgs/demo/groups/cm%2D1/join", c.getHttp().getPath());
        assertEquals("10.0.0.7", c.getHttp().getSourceIp());
        assertEquals("curl/8", c.getHttp().getUserAgent());
        assertEquals("12/Mar/2027:19:03:58 +0000", c.getTime());
        assertEquals(now.toEpochMilli(), c.getTimeEpoch());
    }

    @Test
    void absentPartsStayAbsent() {
        LocalRequest request = LocalRequest.json("GET", "/orgs/demo/groups", null, null);
        APIGatewayV2HTTPEvent e = GatewayEvents.event(request, RouteTemplate.of("GET", "/orgs/{org}/groups"),
                Map.of("org", "demo"), "rid", Instant.now());
        assertNull(e.getBody());
        assertNull(e.getQueryStringParameters());
        assertNull(e.getCookies());
        assertEquals("", e.getRawQueryString());
        assertNull(e.getHeaders().get("authorization"));
    }

    @Test
    void responsesKeepStatusHeadersCookiesAndDecodeBase64() {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(201);
        r.setHeaders(Map.of("Content-Type", "text/plain"));
        r.setCookies(List.of("a=1"));
        r.setBody(Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8)));
        r.setIsBase64Encoded(true);
        LocalResponse out = GatewayEvents.response(r, "rid");
        assertEquals(201, out.status());
        assertEquals(List.of("text/plain"), out.headers().get("Content-Type"));
        assertEquals(List.of("a=1"), out.headers().get("Set-Cookie"));
        assertEquals(List.of("rid"), out.headers().get("apigw-requestid"));
        assertEquals("héllo", out.bodyText());
    }

    @Test
    void gatewayErrorsUseTheOneErrorShape() {
        LocalResponse out = GatewayEvents.error(404, "NOT_FOUND", "no such \"route\"", "rid");
        assertEquals("{\"error\":\"NOT_FOUND\",\"message\":\"no such \\\"route\\\"\"}", out.bodyText());
    }
}
