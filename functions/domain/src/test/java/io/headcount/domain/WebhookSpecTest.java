package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookSpecTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx", null),
                Arguments.of("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc123", "SEC0123456789"),
                Arguments.of("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/2f7c-11", "s3cretKey"),
                Arguments.of("feishu", "https://open.larksuite.com/open-apis/bot/v2/hook/2f7c-11", null),
                Arguments.of("slack", "https://hooks.slack.com/services/T000/B000/XXXX", null));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void eachPlatformsRobotUrlIsAccepted(String platform, String url, String secret) {
        assertTrue(new WebhookSpec(platform, url, secret).check().isValid());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("teams", "https://hooks.slack.com/services/T/B/X", null, "platform"),
                Arguments.of(null, "https://hooks.slack.com/services/T/B/X", null, "platform"),
                Arguments.of("slack", null, null, "url"),
                Arguments.of("slack", "http://hooks.slack.com/services/T/B/X", null, "url"),
                Arguments.of("slack", "https://evil.example.com/services/T/B/X", null, "url"),
                Arguments.of("wecom", "https://oapi.dingtalk.com/robot/send?access_token=x", null, "url"),
                Arguments.of("slack", "https://hooks.slack.com.evil.com/x", null, "url"),
                Arguments.of("slack", "https://hooks.slack.com/x y", null, "url"),
                Arguments.of("slack", "https://hooks.slack.com/" + "x".repeat(1100), null, "url"),
                Arguments.of("slack", "https://hooks.slack.com/services/T/B/X", "s3cretKey", "secret"),
                Arguments.of("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=x", "short", "secret"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void otherTargetsAndBadSecretsAreRefused(String platform, String url, String secret, String field) {
        Checked<WebhookSpec> checked = new WebhookSpec(platform, url, secret).check();
        assertFalse(checked.isValid());
        assertEquals(field, checked.violations().get(0).field(), checked.violations().toString());
    }

    @Test
    void allAbsentRemovesTheWebhook() {
        WebhookSpec none = new WebhookSpec(null, null, null);
        assertTrue(none.removes());
        assertTrue(none.check().isValid());
    }
}
