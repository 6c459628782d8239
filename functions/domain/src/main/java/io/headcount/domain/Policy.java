package io.headcount.domain;

import java.util.List;

/**
 * The rules of one org. Groups may override cap, minSize and overflow.
 *
 * @param hardCap       the chat platform's own limit on group size; no cap may exceed it
 * @param retentionDays how long message events are kept (personal data): DynamoDB deletes them afterwards
 * @param topicTags     the topic tags the org's messages may start with
 * @param requireTags   whether messages that open a conversation must start with a tag (scores penalise those
 *                      that do not)
 * @param weights       what contributions are worth in the weekly scores
 * @param noticeDays    how long an inactive member is flagged before regroup removes them
 * @param autoApply     whether the scheduled regroup applies its plan, or only proposes it for an admin to apply
 */
public record Policy(
        int cap,
        int minSize,
        int hardCap,
        int maxGroupsPerMember,
        Eligibility eligibility,
        OverflowMode overflow,
        int inactivityDays,
        String timeZone,
        Language language,
        int retentionDays,
        List<String> topicTags,
        boolean requireTags,
        ScoreWeights weights,
        int noticeDays,
        boolean autoApply) {

    public static final Policy DEFAULT = new Policy(15, 5, 500, 5, Eligibility.MATCH, OverflowMode.OPEN_OVERFLOW,
            30, "Asia/Shanghai", Language.ZH_CN, 90, TopicTag.DEFAULT_TAGS, false, ScoreWeights.DEFAULT, 7, false);

    public Policy {
        topicTags = List.copyOf(topicTags);
    }
}
