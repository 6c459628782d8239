package io.headcount.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a message is, as far as the digest and the scores care: a question that wants an answer, a courtesy that
 * needs none, a task with its owners, customer feedback, a shared case.
 *
 * @param taskOwners the members a 【任务】 message assigns, from its mentions
 */
public record MessageHints(boolean question, boolean courtesy, List<String> taskOwners, boolean feedback,
        boolean caseShared) {

    /** Short replies that close a conversation rather than open one ("谢谢", "收到", "OK"). */
    static final Set<String> COURTESIES = Set.of(
            "谢谢", "多谢", "感谢", "谢啦", "收到", "好的", "好", "ok", "okay", "嗯", "嗯嗯", "了解", "明白", "辛苦",
            "辛苦了", "赞", "thanks", "thx", "thank you", "got it", "noted", "收到谢谢", "好的谢谢", "👍", "🙏", "👌");

    public MessageHints {
        taskOwners = List.copyOf(taskOwners);
    }

    public static MessageHints of(String text, Optional<TopicTag> tag, List<String> mentions) {
        String body = text == null ? "" : text.strip();
        String topic = tag.filter(TopicTag::known).map(TopicTag::tag).orElse("");
        boolean courtesy = isCourtesy(body);
        boolean question = !courtesy && (topic.equals("求助") || body.contains("?") || body.contains("？")
                || body.contains("请问"));
        List<String> owners = topic.equals("任务") ? mentions : List.of();
        return new MessageHints(question, courtesy, owners, topic.equals("客户反馈"),
                topic.equals("案例分享") || topic.equals("案例"));
    }

    static boolean isCourtesy(String text) {
        String normalised = text.toLowerCase(Locale.ROOT).replaceAll("[\\s!！。.~～,，、]+", "");
        return !normalised.isEmpty() && (COURTESIES.contains(normalised)
                || COURTESIES.contains(text.toLowerCase(Locale.ROOT).strip().replaceAll("[!！。.~～]+$", "")));
    }
}
