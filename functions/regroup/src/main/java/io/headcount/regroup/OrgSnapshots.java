package io.headcount.regroup;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.MessageItems;
import io.headcount.adapters.Policies;
import io.headcount.adapters.Table;
import io.headcount.domain.Group;
import io.headcount.domain.Interaction;
import io.headcount.domain.KeptMessage;
import io.headcount.domain.Member;
import io.headcount.domain.Membership;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.Policy;
import io.headcount.domain.RosterEntry;
import io.headcount.domain.SeatRole;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads an org as regroup sees it, by Query and BatchGetItem only: the roster, every group (archived ones too, so
 * that new group ids never reuse theirs), the seats of active groups, the policy and each member's last activity.
 * Interactions are read separately, for the groups a plan touches: they cost a Query per group and UTC day.
 */
@ApplicationScoped
class OrgSnapshots {
    /** How far back replies and mentions count as people talking to each other. */
    static final Duration INTERACTIONS = Duration.ofDays(7);

    private final Table table;

    OrgSnapshots(Table table) {
        this.table = table;
    }

    /** The org at {@code now}, without interactions. */
    OrgState read(String org, Instant now) {
        List<Map<String, AttributeValue>> memberItems = table.queryAll(Keys.org(org), Keys.memberPrefix(), false);
        List<Group> groups = table.queryAll(Keys.org(org), Keys.groupPrefix(), false).stream()
                .map(GroupItems::from).toList();
        List<Membership> memberships = new ArrayList<>();
        Map<OrgState.SeatKey, OrgState.SeatFacts> seats = new HashMap<>();
        Map<String, Instant> latestSeat = new HashMap<>();
        for (Group g : groups) {
            if (!g.isActive()) {
                continue; // archived groups are empty: seats are moved out before a group is archived
            }
            for (Map<String, AttributeValue> seat : table.queryAll(Keys.groupPartition(org, g.groupId()),
                    Keys.seatPrefix(), false)) {
                String userId = Attrs.str(seat, "userId");
                String role = Attrs.str(seat, "role");
                memberships.add(new Membership(g.groupId(), userId,
                        role == null ? SeatRole.MEMBER : SeatRole.valueOf(role)));
                Instant at = instant(Attrs.str(seat, "at"));
                seats.put(new OrgState.SeatKey(g.groupId(), userId),
                        new OrgState.SeatFacts(Attrs.str(seat, "pool"), at));
                if (at != null) {
                    latestSeat.merge(userId, at, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        Keys.Key policyKey = Keys.policy(org);
        List<Keys.Key> keys = new ArrayList<>();
        keys.add(policyKey);
        memberItems.forEach(item -> keys.add(Keys.memberActivity(org, Attrs.str(item, "userId"))));
        Map<Keys.Key, Map<String, AttributeValue>> found = table.getAll(keys);
        Policy policy = Policies.from(found.get(policyKey));
        List<RosterEntry> roster = new ArrayList<>();
        for (Map<String, AttributeValue> item : memberItems) {
            Member m = MemberItems.from(item);
            Map<String, AttributeValue> activity = found.get(Keys.memberActivity(org, m.userId()));
            Instant spoke = activity == null ? null : instant(Attrs.str(activity, "lastActiveAt"));
            // A member who never spoke counts as active from their latest join, and one without a seat from now.
            Instant lastActive = spoke != null ? spoke : latestSeat.getOrDefault(m.userId(), now);
            roster.add(new RosterEntry(m.userId(), m.function(), m.projects(), m.status(), lastActive,
                    instant(Attrs.str(item, FLAGGED_AT)),
                    Attrs.strings(item, MOVES).stream().map(Instant::parse).toList()));
        }
        return new OrgState(new OrgSnapshot(policy, now, roster, groups, memberships, List.of()), seats);
    }

    /**
     * Who talked to whom in these groups over the week before {@code now}: one for each mention of b by a and each
     * reply by a to a message of b (a reply to a message from before the week is not counted).
     */
    List<Interaction> interactions(String org, Collection<String> groupIds, Instant now) {
        Map<String, Integer> weights = new TreeMap<>(); // "a b": ids never contain a space
        for (String groupId : groupIds.stream().sorted().distinct().toList()) {
            List<KeptMessage> messages = MessageItems.between(table, org, groupId, now.minus(INTERACTIONS), now);
            Map<String, String> authors = new HashMap<>();
            messages.forEach(m -> authors.put(m.messageId(), m.userId()));
            for (KeptMessage m : messages) {
                for (String mentioned : m.mentions()) {
                    count(weights, m.userId(), mentioned);
                }
                if (m.replyTo() != null && authors.containsKey(m.replyTo())) {
                    count(weights, m.userId(), authors.get(m.replyTo()));
                }
            }
        }
        List<Interaction> all = new ArrayList<>();
        weights.forEach((pair, weight) -> {
            int space = pair.indexOf(' ');
            all.add(Interaction.of(pair.substring(0, space), pair.substring(space + 1), weight));
        });
        return all;
    }

    private static void count(Map<String, Integer> weights, String from, String to) {
        if (from == null || to == null || from.equals(to)) {
            return;
        }
        Interaction edge = Interaction.of(from, to, 1);
        weights.merge(edge.a() + " " + edge.b(), 1, Integer::sum);
    }

    /** The member attributes regroup writes: when it flagged them inactive, and when it moved them. */
    static final String FLAGGED_AT = "flaggedAt";
    static final String MOVES = "moves";

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
