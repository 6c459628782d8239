package io.headcount.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.WebhookItems;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
import io.headcount.domain.WebhookSpec;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The scheduled digest goes to each group's robot in its platform's format, retried, recorded, never blocking. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
@QuarkusTestResource(FakeWebhooks.class)
class DigestPostTest extends StoreTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    SummarizeFunction function;

    String org;

    @BeforeEach
    void setUp() {
        FakeWebhooks.reset();
        org = Fixtures.newOrg("post");
        table.put(new HashMap<>(Keys.orgListing(org).toMap()));
    }

    void groupWithWebhook(String group, String platform, String url, String secret) {
        fx.group(org, group, GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.member(org, group + "-a", "sales", List.of());
        fx.seat(org, group, group + "-a");
        fx.message(org, new ChatEvent("api", ChatEvent.Kind.MESSAGE, group + "-m1", group, group + "-a",
                Instant.now().minusSeconds(60), "【通知】明天例会", false, null, List.of(), null), Policy.DEFAULT);
        if (platform != null) {
            table.put(WebhookItems.item(org, group, new WebhookSpec(platform, url, secret)));
        }
    }

    Map<String, AttributeValue> posted(String group) {
        Map<String, AttributeValue> digest = table.get(Keys.digest(org, group, "DAY", LocalDate.now(ZONE)))
                .orElseThrow();
        assertNotNull(digest.get("posted"), "the outcome is kept with the digest");
        return digest.get("posted").m();
    }

    static JsonNode body(FakeWebhooks.Received r) throws Exception {
        return Api.JSON.readTree(r.body());
    }

    @Test
    void eachPlatformGetsItsOwnFormat() throws Exception {
        groupWithWebhook("wc", "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wc-key", null);
        groupWithWebhook("dt", "dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=dt-token",
                "SECdingtalk-secret");
        groupWithWebhook("fs", "feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/fs-hook", "feishu-secret");
        groupWithWebhook("sl", "slack", "https://hooks.slack.com/services/T0/B0/sl", null);
        FakeWebhooks.plan("/services/T0/B0/sl", new FakeWebhooks.Answer(200, "ok", 0));
        FakeWebhooks.plan("/open-apis/bot/v2/hook/fs-hook",
                new FakeWebhooks.Answer(200, "{\"code\":0,\"msg\":\"success\"}", 0));

        ScheduleReport report = function.daily();
        assertEquals(4, report.posted(), report.toString());

        FakeWebhooks.Received wecom = FakeWebhooks.received("/cgi-bin/webhook/send").get(0);
        assertEquals("key=wc-key", wecom.query());
        assertEquals("text", body(wecom).get("msgtype").asText());
        assertTrue(body(wecom).get("text").get("content").asText().startsWith("【群日报】群 wc"));

        FakeWebhooks.Received ding = FakeWebhooks.received("/robot/send").get(0);
        Map<String, String> query = query(ding.query());
        assertEquals("dt-token", query.get("access_token"));
        String millis = query.get("timestamp");
        assertEquals(WebhookMessage.hmac("SECdingtalk-secret", millis + "\nSECdingtalk-secret"), query.get("sign"));
        assertTrue(Math.abs(Long.parseLong(millis) - System.currentTimeMillis()) < 60_000, "milliseconds");
        assertEquals("text", body(ding).get("msgtype").asText());

        JsonNode feishu = body(FakeWebhooks.received("/open-apis/bot/v2/hook/fs-hook").get(0));
        assertEquals("text", feishu.get("msg_type").asText());
        assertTrue(feishu.get("content").get("text").asText().contains("群 fs"));
        String seconds = feishu.get("timestamp").asText();
        assertTrue(Math.abs(Long.parseLong(seconds) - Instant.now().getEpochSecond()) < 60, "seconds");
        assertEquals(WebhookMessage.hmac(seconds + "\nfeishu-secret", ""), feishu.get("sign").asText());

        JsonNode slack = body(FakeWebhooks.received("/services/T0/B0/sl").get(0));
        assertEquals(1, slack.size());
        assertTrue(slack.get("text").asText().contains("群 sl"));

        for (String group : List.of("wc", "dt", "fs", "sl")) {
            assertTrue(posted(group).get("ok").bool(), group);
            assertEquals(1, Attrs.num(posted(group), "attempts"), group);
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreRetried() {
        groupWithWebhook("busy", "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=busy", null);
        FakeWebhooks.plan("/cgi-bin/webhook/send",
                new FakeWebhooks.Answer(502, "<html>bad gateway</html>", 0),
                new FakeWebhooks.Answer(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", 0),
                new FakeWebhooks.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}", 0));
        ScheduleReport report = function.daily();
        assertEquals(1, report.posted());
        assertEquals(3, FakeWebhooks.received("/cgi-bin/webhook/send").size());
        assertTrue(posted("busy").get("ok").bool());
        assertEquals(3, Attrs.num(posted("busy"), "attempts"));
    }

    @Test
    void aRefusalIsFinalAndRecordedAndTheOtherGroupsStillGetTheirs() {
        groupWithWebhook("gone", "dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=revoked", null);
        groupWithWebhook("fine", "slack", "https://hooks.slack.com/services/T0/B0/fine", null);
        groupWithWebhook("quiet", null, null, null);
        FakeWebhooks.plan("/robot/send",
                new FakeWebhooks.Answer(200, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}", 0));
        FakeWebhooks.plan("/services/T0/B0/fine", new FakeWebhooks.Answer(200, "ok", 0));
        ScheduleReport report = function.daily();
        assertEquals(3, report.digests());
        assertEquals(1, report.posted());
        assertEquals(1, FakeWebhooks.received("/robot/send").size(), "not retried");
        Map<String, AttributeValue> gone = posted("gone");
        assertFalse(gone.get("ok").bool());
        assertEquals("platform code 300001", Attrs.str(gone, "error"));
        assertTrue(posted("fine").get("ok").bool());
        assertFalse(table.get(Keys.digest(org, "quiet", "DAY", LocalDate.now(ZONE))).orElseThrow()
                .containsKey("posted"), "no webhook, nothing posted");
    }

    @Test
    void aRobotThatNeverAnswersCostsBoundedTimeAndIsRecorded() {
        groupWithWebhook("slow", "feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/slow", null);
        groupWithWebhook("next", "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=next", null);
        FakeWebhooks.plan("/open-apis/bot/v2/hook/slow", new FakeWebhooks.Answer(200, "{\"code\":0}", 5_000));
        long started = System.nanoTime();
        ScheduleReport report = function.daily();
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        assertTrue(seconds < 10, "3 attempts of 1 s each, not 3 x 5 s: " + seconds + " s");
        assertFalse(posted("slow").get("ok").bool());
        assertEquals("HttpTimeoutException", Attrs.str(posted("slow"), "error"));
        assertTrue(posted("next").get("ok").bool());
        assertEquals(1, report.posted());
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
