package io.headcount.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * Courtesy words and nothing else, once the emoji, punctuation and spaces are set aside: "收到！",
     * "好的好的", "收到👍", "OK thanks". A thumbs-up alone is one too.
     */
    static boolean isCourtesy(String text) {
        String lower = text.toLowerCase(Locale.ROOT).strip();
        if (lower.isEmpty()) {
            return false;
        }
        if (COURTESIES.contains(lower) || COURTESIES.contains(lower.replaceAll("[!！。.~～]+$", ""))) {
            return true;
        }
        String words = lower.codePoints().filter(Character::isLetterOrDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (words.isEmpty()) {
            // Only emoji and punctuation: a courtesy when every symbol is one of ours (👍, 🙏, 👌).
            String symbols = lower.replaceAll("[\\s!！。.~～,，、]+", "");
            return !symbols.isEmpty() && symbols.codePoints().allMatch(c -> COURTESIES.contains(Character.toString(c)));
        }
        return madeOfCourtesies(words);
    }

    /** Whether the text splits wholly into courtesy words (spaces already removed, so "thank you" is "thankyou"). */
    private static boolean madeOfCourtesies(String words) {
        boolean[] reachable = new boolean[words.length() + 1];
        reachable[0] = true;
        for (int end = 1; end <= words.length(); end++) {
            for (int start = 0; start < end && !reachable[end]; start++) {
                reachable[end] = reachable[start] && COURTESY_WORDS.contains(words.substring(start, end));
            }
        }
        return reachable[words.length()];
    }

    private static final Set<String> COURTESY_WORDS = COURTESIES.stream()
            .map(w -> w.replace(" ", "")).filter(w -> w.codePoints().allMatch(Character::isLetterOrDigit))
            .collect(Collectors.toUnmodifiableSet());
}
