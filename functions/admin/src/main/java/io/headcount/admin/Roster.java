package io.headcount.admin;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.ConnectorItems;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.Page;
import io.headcount.adapters.PlatformLinks;
import io.headcount.adapters.Policies;
import io.headcount.adapters.Table;
import io.headcount.adapters.WebhookItems;
import io.headcount.adapters.Write;
import io.headcount.domain.ConnectorSpec;
import io.headcount.domain.Group;
import io.headcount.domain.Ids;
import io.headcount.domain.Member;
import io.headcount.domain.MemberSpec;
import io.headcount.domain.Policy;
import io.headcount.domain.WebhookSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Groups, members and the policy of an org in the table. */
@ApplicationScoped
class Roster {
    static final int PAGE_SIZE = 100;

    private final Table table;

    Roster(Table table) {
        this.table = table;
    }

    Policy policy(String org) {
        return Policies.from(table.get(Keys.policy(org)).orElse(null));
    }

    /** Writes the policy (its version goes up) and answers it as stored. */
    Policy savePolicy(String org, Policy policy) {
        return Policies.from(table.update(Policies.save(org, policy)));
    }

    Optional<Group> group(String org, String groupId) {
        return table.get(Keys.group(org, groupId)).map(GroupItems::from);
    }

    /**
     * Create or update a group. When its platform chat id changes, the chat link moves in the same transaction,
     * and a chat already linked to another group is a 409.
     */
    Group saveGroup(String org, Group group) {
        Optional<Group> before = group(org, group.groupId());
        if (before.isPresent() && sameSetup(before.get(), group)) {
            return before.get();
        }
        if (before.isEmpty()) {
            table.put(new HashMap<>(Keys.orgListing(org).toMap()));
        }
        String linked = before.map(Group::platformChatId).orElse(null);
        List<Write> links = PlatformLinks.changes(PlatformLinks.ofGroup(org, linked),
                PlatformLinks.ofGroup(org, group.platformChatId()), group.groupId());
        Write upsert = GroupItems.upsert(org, group);
        if (links.isEmpty()) {
            return GroupItems.from(table.update(upsert));
        }
        upsert.when(linked == null ? "attribute_not_exists(#platformChatId)" : "#platformChatId = :linked");
        if (linked != null) {
            upsert.value(":linked", linked);
        }
        write(upsert, links, "chat");
        return group(org, group.groupId()).orElseThrow();
    }

    Optional<Member> member(String org, String userId) {
        return table.get(Keys.member(org, userId)).map(MemberItems::from);
    }

    /**
     * Create or update a member from a spec already checked; its platform user ids are linked to it as groups' chat
     * ids are (see saveGroup). A spec without a status keeps the member's.
     */
    Member saveMember(String org, String userId, MemberSpec spec) {
        Optional<Member> before = member(org, userId);
        Member member = spec.toMember(userId, before.orElse(null)).value();
        if (before.isPresent() && sameSetup(before.get(), member)) {
            return before.get();
        }
        Map<String, String> linked = before.map(Member::platformUserIds).orElse(Map.of());
        List<Write> links = PlatformLinks.changes(PlatformLinks.ofMember(org, linked),
                PlatformLinks.ofMember(org, member.platformUserIds()), member.userId());
        Write upsert = MemberItems.upsert(org, member);
        if (links.isEmpty()) {
            return MemberItems.from(table.update(upsert));
        }
        upsert.when(before.isEmpty() ? "attribute_not_exists(#PK)" : "#platformUserIds = :linked");
        if (before.isPresent()) {
            upsert.value(":linked", Attrs.map(linked));
        }
        write(upsert, links, "platform user id");
        return member(org, member.userId()).orElseThrow();
    }

    /** A repeated PUT changes nothing, not even the version that remembered copies are checked against. */
    private static boolean sameSetup(Group a, Group b) {
        return a.name().equals(b.name()) && a.kind() == b.kind() && a.key().equals(b.key()) && a.cap() == b.cap()
                && a.minSize() == b.minSize() && a.admins().equals(b.admins()) && a.overflow() == b.overflow()
                && Objects.equals(a.welcome(), b.welcome()) && Objects.equals(a.platformChatId(), b.platformChatId());
    }

    /** The administered fields are the same: writing {@code b} over {@code a} would change nothing. */
    static boolean sameSetup(Member a, Member b) {
        return a.name().equals(b.name()) && a.function().equals(b.function()) && a.projects().equals(b.projects())
                && a.status() == b.status() && a.platformUserIds().equals(b.platformUserIds());
    }

    private void write(Write upsert, List<Write> links, String what) {
        List<Write> writes = new ArrayList<>();
        writes.add(upsert);
        writes.addAll(links);
        try {
            table.transact(writes);
        } catch (TransactionCanceledException e) {
            throw PlatformLinks.conflict(e, what);
        }
    }

    ConnectorSpec connector(String org, String platform) {
        return ConnectorItems.from(table.get(Keys.connector(org, platform)).orElse(Map.of()));
    }

    /** Replaces the platform's settings; none at all removes them (the checks are off). */
    void saveConnector(String org, String platform, ConnectorSpec spec) {
        table.update(ConnectorItems.replace(org, platform, spec));
    }

    Optional<WebhookSpec> webhook(String org, String groupId) {
        return WebhookItems.from(table.get(Keys.webhook(org, groupId)).orElse(null));
    }

    /** Replaces the group's webhook; an empty spec removes it. */
    Optional<WebhookSpec> saveWebhook(String org, String groupId, WebhookSpec spec) {
        if (spec.removes()) {
            table.delete(Keys.webhook(org, groupId));
            return Optional.empty();
        }
        table.put(WebhookItems.item(org, groupId, spec));
        return Optional.of(spec);
    }

    /** One page of the org's groups in id order; {@code after} is the opaque cursor of the previous page. */
    GroupPage groups(String org, String after) {
        Map<String, AttributeValue> start = null;
        if (after != null) {
            Map<String, AttributeValue> key = new HashMap<>();
            key.put(Keys.PK, Attrs.s(Keys.org(org)));
            key.put(Keys.SK, Attrs.s(decodeCursor(after)));
            start = key;
        }
        Page page = table.query(Keys.org(org), Keys.groupPrefix(), PAGE_SIZE, start);
        List<Group> groups = page.items().stream().map(GroupItems::from).toList();
        String next = page.next() == null ? null : encodeCursor(Attrs.str(page.next(), Keys.SK));
        return new GroupPage(groups, next);
    }

    record GroupPage(List<Group> groups, String next) {
    }

    /** Cursors carry only a sort key of the caller's own org partition, so they cannot reach another org. */
    private static String encodeCursor(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            // Only what encodeCursor gives out: a group sort key with a valid id, in canonical form. Anything else
            // would reach DynamoDB as a start key it may refuse (a sort key over 1024 bytes is a 503, not a 400).
            if (!sortKey.startsWith(Keys.groupPrefix())
                    || !Ids.isValid(sortKey.substring(Keys.groupPrefix().length()))
                    || !encodeCursor(sortKey).equals(cursor)) {
                throw new IllegalArgumentException();
            }
            return sortKey;
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.MALFORMED_REQUEST, "the 'after' cursor is not one this API gave out");
        }
    }
}
