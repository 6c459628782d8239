package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.testing.Api;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A platform chat or user id belongs to one group or member; links follow every change, conflicts are 409. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class PlatformLinksTest extends StoreTest {
    static final String ORG = "links";

    @Inject
    AdminFunction function;

    String admin;

    @BeforeEach
    void token() {
        admin = StoreResource.tokens().mint("admin", ORG, "boss", 600);
    }

    APIGatewayV2HTTPResponse putGroup(String id, String chat) {
        String body = "{\"name\":\"群 " + id + "\",\"kind\":\"FUNCTION\",\"key\":\"sales\",\"cap\":15,\"admins\":[]"
                + (chat == null ? "" : ",\"platformChatId\":\"" + chat + "\"") + "}";
        return function.admin(Api.event(AdminFunction.PUT_GROUP, Map.of("org", ORG, "group", id), body, admin));
    }

    APIGatewayV2HTTPResponse putMember(String id, String platformIds) {
        String body = "{\"name\":\"成员\",\"function\":\"sales\",\"projects\":[],\"platformUserIds\":" + platformIds + "}";
        return function.admin(Api.event(AdminFunction.PUT_MEMBER, Map.of("org", ORG, "user", id), body, admin));
    }

    Optional<String> owner(Keys.Key link) {
        return table.get(link).map(item -> Attrs.str(item, "owner"));
    }

    @Test
    void aGroupsChatIdIsLinkedMovedAndReleased() {
        assertEquals(200, putGroup("g1", "C0LAN2Q65").getStatusCode());
        assertEquals(Optional.of("g1"), owner(Keys.chatLink(ORG, "C0LAN2Q65")));
        assertEquals(200, putGroup("g1", "oc_5ad11d72b830411d72b836c20").getStatusCode());
        assertEquals(Optional.empty(), owner(Keys.chatLink(ORG, "C0LAN2Q65")));
        assertEquals(Optional.of("g1"), owner(Keys.chatLink(ORG, "oc_5ad11d72b830411d72b836c20")));
        JsonNode stored = Api.body(putGroup("g1", null));
        assertFalse(stored.has("platformChatId"));
        assertEquals(Optional.empty(), owner(Keys.chatLink(ORG, "oc_5ad11d72b830411d72b836c20")));
        assertEquals(200, putGroup("g2", "C0LAN2Q65").getStatusCode(), "a released chat id is free again");
    }

    @Test
    void aChatIdOfAnotherGroupIs409AndChangesNothing() {
        putGroup("g1", "C0LAN2Q65");
        putGroup("g2", null);
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = putGroup("g2", "C0LAN2Q65");
        assertEquals(409, r.getStatusCode(), r.getBody());
        assertEquals("CONFLICT", Api.body(r).get("error").asText());
        assertTrue(Api.body(r).get("message").asText().contains("g1"));
        assertEquals(before, fx.snapshot());
        assertEquals(409, putGroup("g3", "C0LAN2Q65").getStatusCode(), "nor may a new group take it");
        assertEquals(before, fx.snapshot());
    }

    @Test
    void aMembersPlatformIdsAreLinkedAndConflictsAre409() {
        assertEquals(200, putMember("li.lei", "{\"slack\":\"U061F7AUR\",\"wecom\":\"LiLei\"}").getStatusCode());
        assertEquals(Optional.of("li.lei"), owner(Keys.userLink(ORG, "slack", "U061F7AUR")));
        assertEquals(Optional.of("li.lei"), owner(Keys.userLink(ORG, "wecom", "LiLei")));
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = putMember("han.mei", "{\"slack\":\"U061F7AUR\"}");
        assertEquals(409, r.getStatusCode(), r.getBody());
        assertEquals(before, fx.snapshot());
        assertEquals(200, putMember("li.lei", "{\"feishu\":\"ou_7d8a6e6df7621556ce0d21922b676706ccs\"}")
                .getStatusCode());
        assertEquals(Optional.empty(), owner(Keys.userLink(ORG, "slack", "U061F7AUR")));
        assertEquals(Optional.empty(), owner(Keys.userLink(ORG, "wecom", "LiLei")));
        assertEquals(Optional.of("li.lei"),
                owner(Keys.userLink(ORG, "feishu", "ou_7d8a6e6df7621556ce0d21922b676706ccs")));
        assertEquals(200, putMember("han.mei", "{\"slack\":\"U061F7AUR\"}").getStatusCode());
        assertEquals(Optional.of("han.mei"), owner(Keys.userLink(ORG, "slack", "U061F7AUR")));
    }

    @Test
    void anUnchangedLinkNeedsNoTransaction() {
        putMember("li.lei", "{\"slack\":\"U061F7AUR\"}");
        JsonNode again = Api.body(putMember("li.lei", "{\"slack\":\"U061F7AUR\"}"));
        assertEquals("U061F7AUR", again.get("platformUserIds").get("slack").asText());
        assertEquals(Optional.of("li.lei"), owner(Keys.userLink(ORG, "slack", "U061F7AUR")));
    }
}
