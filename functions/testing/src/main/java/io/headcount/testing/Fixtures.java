package io.headcount.testing;

import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.PlatformLinks;
import io.headcount.adapters.Table;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.OverflowMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Test data written through the same item mapping the functions use, and what the table holds afterwards. */
public final class Fixtures {
    private final Table table;
    private final DynamoDbClient client;

    public Fixtures(Table table, DynamoDbClient client) {
        this.table = table;
        this.client = client;
    }

    public static String newOrg(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Group group(String org, String id, GroupKind kind, String key, int cap, OverflowMode mode) {
        Group g = new Group(id, "群 " + id, kind, key, cap, Math.min(5, cap), List.of(), 0, 0, GroupStatus.ACTIVE,
                null, mode, "欢迎 {name}！", null);
        return GroupItems.from(table.update(GroupItems.upsert(org, g)));
    }

    public Member member(String org, String id, String function, List<String> projects) {
        Member m = new Member(id, "成员 " + id, function, projects, MemberStatus.ACTIVE, Map.of(), 0);
        return MemberItems.from(table.update(MemberItems.upsert(org, m)));
    }

    /** A group on a chat platform: the group names the chat, and the chat's link points to the group. */
    public Group groupOnChat(String org, String id, int cap, String platformChatId) {
        Group g = new Group(id, "群 " + id, GroupKind.GENERAL, "all", cap, Math.min(5, cap), List.of(), 0, 0,
                GroupStatus.ACTIVE, null, OverflowMode.DENY, null, platformChatId);
        Group stored = GroupItems.from(table.update(GroupItems.upsert(org, g)));
        link(PlatformLinks.changes(List.of(), PlatformLinks.ofGroup(org, platformChatId), id));
        return stored;
    }

    /** A member with chat platform user ids ({@code slack}, {@code feishu}...), each linked to the member. */
    public Member memberOnPlatforms(String org, String id, Map<String, String> platformUserIds) {
        Member m = new Member(id, "成员 " + id, "sales", List.of(), MemberStatus.ACTIVE, platformUserIds, 0);
        Member stored = MemberItems.from(table.update(MemberItems.upsert(org, m)));
        link(PlatformLinks.changes(List.of(), PlatformLinks.ofMember(org, platformUserIds), id));
        return stored;
    }

    private void link(List<io.headcount.adapters.Write> links) {
        if (!links.isEmpty()) {
            table.transact(links);
        }
    }

    /** A seat item alone, without the counters a join moves: for tests of readers of seats (digests, scores). */
    public void seat(String org, String groupId, String userId) {
        java.util.Map<String, AttributeValue> item = new java.util.HashMap<>(Keys.seat(org, groupId, userId).toMap());
        item.put("groupId", AttributeValue.fromS(groupId));
        item.put("userId", AttributeValue.fromS(userId));
        table.put(item);
    }

    /** A kept message, as ingest stores it. */
    public void message(String org, io.headcount.domain.ChatEvent event, io.headcount.domain.Policy policy) {
        table.put(io.headcount.adapters.MessageItems.item(org, io.headcount.domain.ChatMessage.of(event, policy)));
    }

    public void members(String org, String prefix, int count, String function) {
        for (int i = 0; i < count; i++) {
            member(org, prefix + i, function, List.of());
        }
    }

    public Group storedGroup(String org, String groupId) {
        return table.get(Keys.group(org, groupId)).map(GroupItems::from).orElseThrow();
    }

    public Member storedMember(String org, String userId) {
        return table.get(Keys.member(org, userId)).map(MemberItems::from).orElseThrow();
    }

    /** Seat items actually in a group's partition. */
    public int seatItems(String org, String groupId) {
        return countPrefix(Keys.groupPartition(org, groupId), Keys.seatPrefix());
    }

    public int queueItems(String org, String groupId) {
        return countPrefix(Keys.groupPartition(org, groupId), Keys.queuePrefix());
    }

    public int poolSeats(String org, GroupKind kind, String key) {
        return countPrefix(Keys.pool(org, kind, key), Keys.seatPrefix());
    }

    public List<Group> groupsOf(String org) {
        return table.queryAll(Keys.org(org), Keys.groupPrefix(), false).stream().map(GroupItems::from).toList();
    }

    /** Every item in the table: the security and bad-input tests assert that nothing was written. */
    public int allItems() {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var r = client.scan(ScanRequest.builder().tableName(table.name()).exclusiveStartKey(start).build());
            count += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** A fingerprint of the whole table, to prove a request changed nothing at all. */
    public String snapshot() {
        StringBuilder all = new StringBuilder();
        Map<String, AttributeValue> start = null;
        do {
            var r = client.scan(ScanRequest.builder().tableName(table.name()).exclusiveStartKey(start).build());
            r.items().stream().map(item -> new java.util.TreeMap<>(item).toString()).sorted().forEach(all::append);
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return all.toString();
    }

    private int countPrefix(String pk, String prefix) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var r = client.query(QueryRequest.builder().tableName(table.name())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :p)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":p", AttributeValue.fromS(prefix)))
                    .consistentRead(true).exclusiveStartKey(start).build());
            count += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }
}
