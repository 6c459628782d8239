package io.headcount.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change to an org's policy (the body of PUT /orgs/{org}/policy): every field is optional, and what is left out
 * keeps its current value. Enums and the language arrive as text so that a wrong value gets a readable answer.
 */
public record PolicySpec(
        Integer cap,
        Integer minSize,
        Integer hardCap,
        Integer maxGroupsPerMember,
        String eligibility,
        String overflow,
        Integer inactivityDays,
        String timeZone,
        String language,
        Integer retentionDays,
        List<String> topicTags,
        Boolean requireTags,
        Map<String, Integer> scoreWeights,
        Integer noticeDays,
        Boolean autoApply) {

    public static final int MAX_HARD_CAP = 10_000;
    public static final int MAX_TAGS = 50;

    public Checked<Policy> apply(Policy current) {
        Rules rules = new Rules();
        int hard = or(hardCap, current.hardCap());
        rules.range("hardCap", hard, 2, MAX_HARD_CAP);
        int c = or(cap, current.cap());
        rules.range("cap", c, 2, hard);
        int min = or(minSize, current.minSize());
        rules.range("minSize", min, 1, c);
        int maxGroups = or(maxGroupsPerMember, current.maxGroupsPerMember());
        rules.range("maxGroupsPerMember", maxGroups, 1, 50);
        Eligibility e = rules.oneOf("eligibility", eligibility, Eligibility.class, current.eligibility());
        OverflowMode o = rules.oneOf("overflow", overflow, OverflowMode.class, current.overflow());
        int inactive = or(inactivityDays, current.inactivityDays());
        rules.range("inactivityDays", inactive, 1, 365);
        String zone = timeZone == null ? current.timeZone() : timeZone;
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException ex) {
                rules.fail("timeZone", "must be a time zone id such as Asia/Shanghai");
            }
        }
        Optional<Language> lang = language == null ? Optional.of(current.language()) : Language.fromTag(language);
        if (lang.isEmpty()) {
            rules.fail("language", "must be zh-CN or en");
        }
        int retention = or(retentionDays, current.retentionDays());
        rules.range("retentionDays", retention, 1, 3650);
        List<String> tags = topicTags == null ? current.topicTags() : topicTags;
        if (topicTags != null) {
            if (topicTags.size() > MAX_TAGS) {
                rules.fail("topicTags", "must have at most " + MAX_TAGS + " entries");
            }
            for (int i = 0; i < topicTags.size(); i++) {
                String tag = topicTags.get(i);
                if (tag == null || !tag.matches("[^\\s#＃【】\\[\\]［］]{1," + TopicTag.MAX_TAG_LENGTH + "}")) {
                    rules.fail("topicTags[" + i + "]", "must be 1-" + TopicTag.MAX_TAG_LENGTH
                            + " characters without spaces, # or brackets");
                }
            }
            if (topicTags.stream().distinct().count() != topicTags.size()) {
                rules.fail("topicTags", "must not repeat a tag");
            }
        }
        int notice = or(noticeDays, current.noticeDays());
        rules.range("noticeDays", notice, 1, 90);
        Map<String, Integer> weights = scoreWeights == null ? Map.of() : new LinkedHashMap<>(scoreWeights);
        weights.forEach((name, value) -> {
            if (!ScoreWeights.POINTS.contains(name)) {
                rules.fail("scoreWeights." + name, "unknown; expected one of " + ScoreWeights.POINTS);
            } else if (value == null) {
                rules.fail("scoreWeights." + name, "is required");
            } else if (name.equals("dailyCap")) {
                rules.range("scoreWeights.dailyCap", value, 1, 1000);
            } else {
                rules.range("scoreWeights." + name, value, -100, 100);
            }
        });
        if (!rules.ok()) {
            return Checked.invalid(rules.violations());
        }
        return Checked.ok(new Policy(c, min, hard, maxGroups, e, o, inactive, zone, lang.get(), retention, tags,
                requireTags == null ? current.requireTags() : requireTags, current.weights().withPoints(weights), notice,
                autoApply == null ? current.autoApply() : autoApply));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
