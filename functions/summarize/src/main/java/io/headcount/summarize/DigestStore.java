package io.headcount.summarize;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MessageItems;
import io.headcount.adapters.Policies;
import io.headcount.adapters.Table;
import io.headcount.adapters.WebhookItems;
import io.headcount.adapters.Write;
import io.headcount.domain.Digest;
import io.headcount.domain.Group;
import io.headcount.domain.KeptMessage;
import io.headcount.domain.Period;
import io.headcount.domain.Policy;
import io.headcount.domain.WebhookSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What digests are made from and where they are kept. Messages are read by Query on day partitions only. */
@ApplicationScoped
class DigestStore {
    private final Table table;

    DigestStore(Table table) {
        this.table = table;
    }

    Policy policy(String org) {
        return Policies.from(table.get(Keys.policy(org)).orElse(null));
    }

    Optional<Group> group(String org, String groupId) {
        return table.get(Keys.group(org, groupId)).map(GroupItems::from);
    }

    boolean seated(String org, String groupId, String userId) {
        return table.get(Keys.seat(org, groupId, userId)).isPresent();
    }

    List<String> members(String org, String groupId) {
        return table.queryAll(Keys.groupPartition(org, groupId), Keys.seatPrefix(), false).stream()
                .map(item -> Attrs.str(item, "userId")).sorted().toList();
    }

    /** The group's messages in [start, end), by Query on its day partitions. */
    List<KeptMessage> messages(String org, String groupId, Instant start, Instant end) {
        return MessageItems.between(table, org, groupId, start, end);
    }

    Optional<Map<String, AttributeValue>> stored(String org, String groupId, Period period, LocalDate first) {
        return table.get(Keys.digest(org, groupId, period.name(), first));
    }

    /** Stored digests of the given groups, by group id. */
    Map<String, Map<String, AttributeValue>> stored(String org, List<String> groupIds, Period period, LocalDate first) {
        List<Keys.Key> keys = groupIds.stream().map(g -> Keys.digest(org, g, period.name(), first)).toList();
        Map<String, Map<String, AttributeValue>> byGroup = new HashMap<>();
        table.getAll(keys).values().forEach(item -> byGroup.put(Attrs.str(item, "groupId"), item));
        return byGroup;
    }

    /** Keeps a digest for its (group, period), replacing an earlier run's; it expires with the messages. */
    void save(String org, Digest d, String json, String text, String adminText, Instant expiresAt, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.digest(org, d.groupId(), d.period().name(), d.date())
                .toMap());
        item.put(Keys.GSI1PK, Attrs.s(Keys.digestsOf(org, d.period().name(), d.date())));
        item.put(Keys.GSI1SK, Attrs.s(Keys.groupPrefix() + d.groupId()));
        item.put("groupId", Attrs.s(d.groupId()));
        item.put("period", Attrs.s(d.period().name()));
        item.put("date", Attrs.s(d.date().toString()));
        item.put("score", Attrs.n(d.health().score()));
        item.put("json", Attrs.s(json));
        item.put("text", Attrs.s(text));
        item.put("adminText", Attrs.s(adminText));
        item.put("madeAt", Attrs.time(now));
        item.put(Keys.TTL, Attrs.n(expiresAt.getEpochSecond()));
        table.put(item);
    }

    Optional<WebhookSpec> webhook(String org, String groupId) {
        return WebhookItems.from(table.get(Keys.webhook(org, groupId)).orElse(null));
    }

    /** What became of posting the digest, kept with it (the last attempt's outcome). */
    void recordPost(String org, Digest d, DigestPoster.Posted posted, Instant at) {
        Map<String, AttributeValue> outcome = new HashMap<>();
        outcome.put("ok", AttributeValue.fromBool(posted.ok()));
        outcome.put("attempts", Attrs.n(posted.attempts()));
        outcome.put("at", Attrs.time(at));
        if (posted.status() != null) {
            outcome.put("status", Attrs.n(posted.status()));
        }
        Attrs.putIfPresent(outcome, "error", posted.error());
        table.update(Write.update(Keys.digest(org, d.groupId(), d.period().name(), d.date()), "SET #posted = :posted")
                .when("attribute_exists(#PK)").value(":posted", AttributeValue.fromM(outcome)));
    }

    /** Every org with a group, a page at a time. */
    void orgs(Consumer<String> each) {
        table.eachOrg(each);
    }

    /** The org's groups, a page at a time. */
    void groups(String org, Consumer<Group> each) {
        table.eachPage(Keys.org(org), Keys.groupPrefix(), item -> each.accept(GroupItems.from(item)));
    }
}
