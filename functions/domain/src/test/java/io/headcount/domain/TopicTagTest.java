package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTagTest {
    static Stream<Arguments> tagged() {
        return Stream.of(
                Arguments.of("【客户反馈】华东区客户反映交付延迟", "客户反馈", "华东区客户反映交付延迟"),
                Arguments.of("【客户反馈】 华东区客户反映交付延迟", "客户反馈", "华东区客户反映交付延迟"),
                Arguments.of("  【求助】报价单模板在哪里？", "求助", "报价单模板在哪里？"),
                Arguments.of("[客户反馈]交付延迟", "客户反馈", "交付延迟"),
                Arguments.of("[求助] 谁有最新价目表", "求助", "谁有最新价目表"),
                Arguments.of("［案例分享］某银行续约", "案例分享", "某银行续约"),
                Arguments.of("#案例分享 某银行续约", "案例分享", "某银行续约"),
                Arguments.of("#案例分享#某银行续约", "案例分享", "某银行续约"),
                Arguments.of("＃任务 @张伟 周五前提交方案", "任务", "@张伟 周五前提交方案"),
                Arguments.of("#任务：周五前提交方案", "任务", "周五前提交方案"),
                Arguments.of("【任务】\n@U061F7AUR 跟进", "任务", "@U061F7AUR 跟进"),
                Arguments.of("[通知]", "通知", ""));
    }

    @ParameterizedTest
    @MethodSource("tagged")
    void readsTheLeadingTagInEveryCommonForm(String text, String tag, String body) {
        TopicTag found = TopicTag.of(text, TopicTag.DEFAULT_TAGS).orElseThrow();
        assertEquals(tag, found.tag());
        assertEquals(body, found.body());
        assertTrue(found.known());
    }

    @ParameterizedTest
    @ValueSource(strings = {"华东区客户反映交付延迟【客户反馈】", "收到", "", "   ", "# 空格不是标签", "【】空标签",
            "【这是一个非常非常非常长的标签名字】正文", "请看 [附件]", "##", "@张伟 【任务】跟进"})
    void untaggedTextHasNoTag(String text) {
        assertEquals(Optional.empty(), TopicTag.of(text, TopicTag.DEFAULT_TAGS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"【闲聊】周末去哪", "#random hello", "[FYI] update"})
    void aTagTheOrgDoesNotAllowIsUnknown(String text) {
        assertFalse(TopicTag.of(text, TopicTag.DEFAULT_TAGS).orElseThrow().known());
        assertTrue(TopicTag.of(text, List.of("闲聊", "random", "FYI")).orElseThrow().known());
    }

    @org.junit.jupiter.api.Test
    void nullTextHasNoTag() {
        assertEquals(Optional.empty(), TopicTag.of(null, TopicTag.DEFAULT_TAGS));
    }
}
