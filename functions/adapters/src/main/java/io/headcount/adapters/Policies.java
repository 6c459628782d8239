package io.headcount.adapters;

import io.headcount.domain.Eligibility;
import io.headcount.domain.Language;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
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
                item.containsKey("topicTags") ? Attrs.strings(item, "topicTags") : d.topicTags());
    }

    private static long orDefault(Map<String, AttributeValue> item, String name, long fallback) {
        return item.containsKey(name) ? Attrs.num(item, name) : fallback;
    }
}
