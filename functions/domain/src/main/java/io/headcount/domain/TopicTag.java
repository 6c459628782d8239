package io.headcount.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topic a message announces up front, the group rule "topic first": 【客户反馈】, [客户反馈], ［客户反馈］,
 * #客户反馈 or ＃客户反馈, with or without a space after it.
 *
 * @param tag   the tag as written, without brackets or hash
 * @param known whether the org allows this tag; a message without a known tag breaks the rule
 * @param body  the text after the tag
 */
public record TopicTag(String tag, boolean known, String body) {

    /** Tags every org starts with; a policy may replace them. */
    public static final List<String> DEFAULT_TAGS = List.of(
            "客户反馈", "求助", "案例分享", "任务", "通知", "讨论", "周报", "商机", "工单");

    public static final int MAX_TAG_LENGTH = 12;

    private static final Pattern BRACKETED = Pattern.compile(
            "^\\s*(?:【([^】\\s]{1,12})】|\\[([^\\]\\s]{1,12})]|［([^］\\s]{1,12})］)\\s*(.*)$", Pattern.DOTALL);
    /** A hash tag ends at whitespace, a closing hash, or punctuation. */
    private static final Pattern HASHED = Pattern.compile(
            "^\\s*[#＃]([^\\s#＃:：,，。！!？?、]{1,12})[#＃]?[\\s:：]*(.*)$", Pattern.DOTALL);

    /** The leading tag of a message, if it has one; {@code allowed} decides whether it is known. */
    public static Optional<TopicTag> of(String text, List<String> allowed) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = BRACKETED.matcher(text);
        if (m.matches()) {
            String tag = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            return Optional.of(new TopicTag(tag, allowed.contains(tag), m.group(4)));
        }
        m = HASHED.matcher(text);
        if (m.matches()) {
            return Optional.of(new TopicTag(m.group(1), allowed.contains(m.group(1)), m.group(2)));
        }
        return Optional.empty();
    }
}
