package io.headcount.adapters;

import io.headcount.domain.Eligibility;
import io.headcount.domain.Language;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
import io.headcount.domain.ScoreWeights;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The org policy item; an org that never set one runs on {@link Policy#DEFAULT}. */
public final class Policies {

    private Policies() {
    }

    public static Policy from(Map<String, AttributeValue> item) {
        if (item == null) {
            return Policy.DEFAULT;
        }
        Policy d = Policy.DEFAULT;
        return new Policy(
                (int) orDefault(item, "cap", d.cap()),
                (int) orDefault(item, "minSize", d.minSize()),
                (int) orDefault(item, "hardCap", d.hardCap()),
                (int) orDefault(item, "maxGroupsPerMember", d.maxGroupsPerMember()),
                item.containsKey("eligibility") ? Eligibility.valueOf(Attrs.str(item, "eligibility")) : d.eligibility(),
                item.containsKey("overflow") ? OverflowMode.valueOf(Attrs.str(item, "overflow")) : d.overflow(),
                (int) orDefault(item, "inactivityDays", d.inactivityDays()),
                item.containsKey("timeZone") ? Attrs.str(item, "timeZone") : d.timeZone(),
                item.containsKey("language")
                        ? Language.fromTag(Attrs.str(item, "language")).orElse(d.language()) : d.language(),
                (int) orDefault(item, "retentionDays", d.retentionDays()),
                item.containsKey("topicTags") ? Attrs.strings(item, "topicTags") : d.topicTags(),
                item.containsKey("requireTags") && Boolean.TRUE.equals(item.get("requireTags").bool()),
                d.weights().withPoints(weights(item)),
                (int) orDefault(item, "noticeDays", d.noticeDays()),
                item.containsKey("autoApply") && Boolean.TRUE.equals(item.get("autoApply").bool()));
    }

    private static Map<String, Integer> weights(Map<String, AttributeValue> item) {
        Map<String, Integer> weights = new HashMap<>();
        AttributeValue stored = item.get("scoreWeights");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> {
                if (ScoreWeights.POINTS.contains(name) && value.n() != null) {
                    weights.put(name, Integer.parseInt(value.n()));
                }
            });
        }
        return weights;
    }

    /**
     * Writes the whole policy and bumps its {@code version}, so that a join decided on a remembered copy of the
     * old policy is refused and decided again.
     */
    public static Write save(String org, Policy p) {
        Map<String, AttributeValue> weights = new HashMap<>();
        p.weights().points().forEach((name, value) -> weights.put(name, Attrs.n(value)));
        return Write.update(Keys.policy(org), "SET #cap = :cap, #minSize = :minSize, #hardCap = :hardCap, "
                        + "#maxGroupsPerMember = :maxGroups, #eligibility = :eligibility, #overflow = :overflow, "
                        + "#inactivityDays = :inactivityDays, #timeZone = :timeZone, #language = :language, "
                        + "#retentionDays = :retentionDays, #topicTags = :topicTags, #requireTags = :requireTags, "
                        + "#scoreWeights = :scoreWeights, #noticeDays = :noticeDays, #autoApply = :autoApply, #version = if_not_exists(#version, :zero) + :one")
                .value(":cap", p.cap()).value(":minSize", p.minSize()).value(":hardCap", p.hardCap())
                .value(":maxGroups", p.maxGroupsPerMember()).value(":eligibility", p.eligibility().name())
                .value(":overflow", p.overflow().name()).value(":inactivityDays", p.inactivityDays())
                .value(":timeZone", p.timeZone()).value(":language", p.language().tag())
                .value(":retentionDays", p.retentionDays()).value(":topicTags", Attrs.list(p.topicTags()))
                .value(":requireTags", AttributeValue.fromBool(p.requireTags()))
                .value(":scoreWeights", AttributeValue.fromM(weights)).value(":noticeDays", p.noticeDays())
                .value(":autoApply", AttributeValue.fromBool(p.autoApply())).value(":zero", 0).value(":one", 1);
    }

    private static long orDefault(Map<String, AttributeValue> item, String name, long fallback) {
        return item.containsKey(name) ? Attrs.num(item, name) : fallback;
    }
}
