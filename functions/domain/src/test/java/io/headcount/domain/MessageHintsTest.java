package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageHintsTest {
    static MessageHints hints(String text, List<String> mentions) {
        return MessageHints.of(text, TopicTag.of(text, TopicTag.DEFAULT_TAGS), mentions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"谢谢", "收到！", "好的。", "OK", "ok!", "Thanks", "got it", "👍", "辛苦了~", "收到 谢谢",
        "好的好的", "收到👍", "👍👍", "ok thanks", "嗯嗯，收到", "Thank you!", "🙏"})
    void courtesiesNeedNoAnswer(String text) {
        MessageHints h = hints(text, List.of());
        assertTrue(h.courtesy(), text);
        assertFalse(h.question(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"【求助】报价单模板在哪里", "这个客户的合同到期了吗？", "请问谁负责华南区", "is the demo ready?"})
    void questionsWantAnAnswer(String text) {
        assertTrue(hints(text, List.of()).question(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"【通知】周五培训", "好的，我来跟进这个客户的续约安排", "谢谢大家这周的支持，续约已经签下来了",
        "好的 明天给你", "ok 2", "🔥", "收到 but the price is wrong"})
    void statementsAreNeither(String text) {
        MessageHints h = hints(text, List.of());
        assertFalse(h.question(), text);
        assertFalse(h.courtesy(), text);
    }

    @Test
    void aTaskIsOwnedByItsMentions() {
        assertEquals(List.of("zhang.wei", "li.na"),
                hints("【任务】@张伟 @李娜 周五前提交方案", List.of("zhang.wei", "li.na")).taskOwners());
        assertEquals(List.of(), hints("【通知】@张伟 周五培训", List.of("zhang.wei")).taskOwners());
    }

    @Test
    void feedbackAndCasesFollowTheirTags() {
        assertTrue(hints("【客户反馈】交付延迟", List.of()).feedback());
        assertFalse(hints("客户反馈交付延迟", List.of()).feedback());
        assertTrue(hints("#案例分享 某银行续约", List.of()).caseShared());
        assertFalse(hints("【案例分享】", List.of()).feedback());
    }
}
