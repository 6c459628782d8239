package io.headcount.scorereward;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MessageItems;
import io.headcount.adapters.Policies;
import io.headcount.adapters.Table;
import io.headcount.domain.Group;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.KeptMessage;
import io.headcount.domain.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What scores are made from (the week's messages, by Query on day partitions), the weekly record and the ledger. */
@ApplicationScoped
class ScoreStore {
    private final Table table;

    ScoreStore(Table table) {
        this.table = table;
    }

    Policy policy(String org) {
        return Policies.from(table.get(Keys.policy(org)).orElse(null));
    }

    List<Group> activeGroups(String org) {
        List<Group> groups = new ArrayList<>();
        table.eachPage(Keys.org(org), Keys.groupPrefix(), item -> {
            Group g = GroupItems.from(item);
            if (g.status() == GroupStatus.ACTIVE) {
                groups.add(g);
            }
        });
        return groups;
    }

    List<KeptMessage> messages(String org, String groupId, Instant start, Instant end) {
        return MessageItems.between(table, org, groupId, start, end);
    }

    /** The streaks the week before {@code monday} ended with (none when it was never scored). */
    Map<String, Integer> streaksBefore(String org, LocalDate monday) {
        Map<String, Integer> streaks = new HashMap<>();
        table.get(Keys.scoreWeek(org, monday.minusDays(7))).map(item -> item.get("streaks"))
                .filter(AttributeValue::hasM)
                .ifPresent(m -> m.m().forEach((user, n) -> streaks.put(user, Integer.parseInt(n.n()))));
        return streaks;
    }

    /** The week's streaks and its recognition texts: the org's, and each group's ({@code groups} by group id). */
    void saveWeek(String org, LocalDate monday, Map<String, Integer> streaks, String recognition,
            Map<String, String> groups, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.scoreWeek(org, monday).toMap());
        Map<String, AttributeValue> kept = new HashMap<>();
        streaks.forEach((user, n) -> kept.put(user, Attrs.n(n)));
        item.put("streaks", AttributeValue.fromM(kept));
        item.put("recognition", Attrs.s(recognition));
        item.put("groupRecognition", Attrs.map(groups));
        item.put("madeAt", Attrs.time(now));
        table.put(item);
    }

    /** Writes the award unless it is already in the ledger; true when this call wrote it. */
    boolean award(String org, LocalDate monday, String userId, String award, int points, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.ledger(org, monday, userId, award).toMap());
        item.put("userId", Attrs.s(userId));
        item.put("award", Attrs.s(award));
        item.put("week", Attrs.s(monday.toString()));
        item.put("points", Attrs.n(points));
        item.put("awardedAt", Attrs.time(now));
        return table.putIfAbsent(item);
    }

    void ledger(String org, LocalDate monday, Consumer<Map<String, AttributeValue>> each) {
        table.eachPage(Keys.ledgerWeek(org, monday), "MEMBER#", each);
    }

    void orgs(Consumer<String> each) {
        table.eachOrg(each);
    }
}
