package io.headcount.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.adapters.Keys;
import io.headcount.adapters.Table;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The demo org the local run seeds has what the quick start promises, and seeding twice changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = LocalStoreResource.class, restrictToAnnotatedClass = false)
class DemoSeedTest {
    @TestHTTPResource("/")
    URL server;

    /**
     * Quarkus points RestAssured at quarkus.lambda.mock-event-server.test-port when that is set, and the adapters'
     * config sets it for the Lambda apps; this app has no Lambda mock server, so aim at the HTTP listener itself.
     */
    @BeforeEach
    void aimRestAssuredAtTheListener() {
        RestAssured.port = server.getPort();
    }

    static final Set<String> FUNCTIONS = Set.of("market-expansion", "customer-maintenance", "after-sales");

    @Inject
    DemoSeeder seeder;
    @Inject
    Table table;

    @Test
    void theDemoOrgIsSeededOnceWithFullOverCapAndNearCapGroups() {
        DemoData data = DemoData.load(LocalPaths.demoDir());
        assertEquals("demo", data.org());
        DemoSeeder.Outcome first = seeder.seed(LocalStoreResource.tokens(), data);
        assertTrue(first.seeded(), first.summary());

        // Members as stored: at least 120, across the three functions, each with a name.
        List<Map<String, AttributeValue>> members = table.queryAll(Keys.org("demo"), "MEMBER#", false);
        assertTrue(members.size() >= 120, "members: " + members.size());
        assertEquals(data.members().size(), members.size());
        assertEquals(FUNCTIONS, members.stream().map(m -> m.get("function").s()).collect(Collectors.toSet()));

        // Groups as the list route shows them.
        String admin = LocalStoreResource.tokens().mint("admin", "demo", "alice", 300);
        JsonPath listing = given().auth().oauth2(admin).get("/orgs/demo/groups").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> groups = listing.getList("groups");
        assertTrue(groups.size() >= data.groups().size(), groups.toString());
        Set<String> kinds = groups.stream().map(g -> (String) g.get("kind")).collect(Collectors.toSet());
        assertEquals(Set.of("FUNCTION", "PROJECT", "GENERAL"), kinds);
        Set<String> functionKeys = groups.stream().filter(g -> "FUNCTION".equals(g.get("kind")))
                .map(g -> (String) g.get("key")).collect(Collectors.toSet());
        assertEquals(FUNCTIONS, functionKeys);
        assertTrue(groups.stream().anyMatch(g -> members(g) == cap(g) && (int) g.get("waitlist") > 0),
                "a full group with a waitlist: " + groups);
        assertTrue(groups.stream().anyMatch(g -> members(g) > cap(g)), "a group over its cap: " + groups);
        assertTrue(groups.stream().filter(g -> members(g) < cap(g) && cap(g) - members(g) <= 2).count() >= 2,
                "groups near their cap: " + groups);
        assertTrue(groups.stream().anyMatch(g -> g.get("welcome") != null && ((String) g.get("welcome")).contains("{name}")));
        Set<String> modes = groups.stream().map(g -> (String) g.get("overflow")).collect(Collectors.toSet());
        assertEquals(Set.of("OPEN_OVERFLOW", "REDIRECT", "WAITLIST", "DENY"), modes);
        assertFalse(first.fullWithWaitlist().isEmpty());
        assertFalse(first.overCap().isEmpty());

        // A second start against the same store leaves everything as it is.
        DemoSeeder.Outcome second = seeder.seed(LocalStoreResource.tokens(), data);
        assertFalse(second.seeded(), second.summary());
        assertEquals(members.size(), table.queryAll(Keys.org("demo"), "MEMBER#", false).size());
        List<Map<String, Object>> again = given().auth().oauth2(admin).get("/orgs/demo/groups").then().statusCode(200)
                .extract().jsonPath().getList("groups");
        assertEquals(groups, again);
    }

    private static int members(Map<String, Object> g) {
        return (int) g.get("members");
    }

    private static int cap(Map<String, Object> g) {
        return (int) g.get("cap");
    }
}
