package io.headcount.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    private static Optional<Map<String, String>> match(RouteTemplate t, String rawPath) {
        return t.match(RouteTemplate.split(rawPath).stream().map(GatewayEvents::decodePathSegment).toList());
    }

    @Test
    void aParameterTakesOneWholeDecodedSegment() {
        RouteTemplate join = RouteTemplate.of("post", "/orgs/{org}/groups/{group}/join");
        assertEquals("POST /orgs/{org}/groups/{group}/join", join.routeKey());
        assertEquals(Optional.of(Map.of("org", "demo", "group", "cm-1")), match(join, "/orgs/demo/groups/cm-1/join"));
        assertEquals(Optional.of(Map.of("org", "de mo", "group", "a/b+c")), match(join, "/orgs/de%20mo/groups/a%2Fb+c/join"));
        assertEquals(Optional.empty(), match(join, "/orgs/demo/groups/join"));
        assertEquals(Optional.empty(), match(join, "/orgs/demo/groups//join"));
        assertEquals(Optional.empty(), match(join, "/orgs/demo/groups/g/join/"));
    }

    @Test
    void colonsInLiteralSegmentsAreLiteral() {
        RouteTemplate importRoute = RouteTemplate.of("POST", "/orgs/{org}/members:import");
        assertEquals(Optional.of(Map.of("org", "demo")), match(importRoute, "/orgs/demo/members:import"));
        assertEquals(Optional.of(Map.of("org", "demo")), match(importRoute, "/orgs/demo/members%3Aimport"));
        assertEquals(Optional.empty(), match(importRoute, "/orgs/demo/members"));
        assertEquals(Optional.empty(), match(importRoute, "/orgs/demo/members:export"));
    }

    @Test
    void greedyParametersTakeTheRestAndDefaultTakesAll() {
        RouteTemplate proxy = RouteTemplate.of("ANY", "/files/{proxy+}");
        assertEquals(Optional.of(Map.of("proxy", "a/b/c")), match(proxy, "/files/a/b/c"));
        assertEquals(Optional.empty(), match(proxy, "/files"));
        assertTrue(proxy.acceptsMethod("DELETE"));
        RouteTemplate fallback = RouteTemplate.of("ANY", "$default");
        assertEquals("$default", fallback.routeKey());
        assertEquals(Optional.of(Map.of()), match(fallback, "/anything/at/all"));
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.of("GET", "/a/{rest+}/b"));
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.of("GET", "/a/x{id}"));
    }

    @Test
    void literalsAreMoreSpecificThanParametersAndMethodsThanAny() {
        RouteTemplate literal = RouteTemplate.of("GET", "/orgs/{org}/groups/mine");
        RouteTemplate param = RouteTemplate.of("GET", "/orgs/{org}/groups/{group}");
        RouteTemplate any = RouteTemplate.of("ANY", "/orgs/{org}/groups/{group}");
        RouteTemplate greedy = RouteTemplate.of("GET", "/orgs/{rest+}");
        RouteTemplate fallback = RouteTemplate.of("ANY", "$default");
        List<RouteTemplate> sorted = new java.util.ArrayList<>(List.of(fallback, greedy, any, param, literal));
        sorted.sort(RouteTemplate::compareSpecificity);
        assertEquals(List.of(literal, param, any, greedy, fallback), sorted);
    }
}
