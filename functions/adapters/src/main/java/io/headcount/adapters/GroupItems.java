package io.headcount.adapters;

import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.OverflowMode;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Groups as table items. The counters (memberCount, waitlist) change only by conditional writes; {@code version}
 * counts administrative changes, so a decision made on a remembered copy can require that nothing changed since.
 */
public final class GroupItems {

    private GroupItems() {
    }

    public static Group from(Map<String, AttributeValue> item) {
        return new Group(
                Attrs.str(item, "groupId"),
                Attrs.str(item, "name"),
                GroupKind.valueOf(Attrs.str(item, "kind")),
                Attrs.str(item, "key"),
                (int) Attrs.num(item, "cap"),
                (int) Attrs.num(item, "minSize"),
                Attrs.strings(item, "admins"),
                (int) Attrs.num(item, "memberCount"),
                (int) Attrs.num(item, "waitlist"),
                GroupStatus.valueOf(Attrs.str(item, "status")),
                Attrs.str(item, "overflowOf"),
                OverflowMode.valueOf(Attrs.str(item, "overflow")),
                Attrs.str(item, "welcome"),
                Attrs.str(item, "platformChatId"));
    }

    /** A brand-new group item, e.g. an overflow group created together with its first seat. */
    public static Map<String, AttributeValue> item(String org, Group group) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.group(org, group.groupId()).toMap());
        item.put(Keys.GSI1PK, Attrs.s(Keys.pool(org, group)));
        item.put(Keys.GSI1SK, Attrs.s(Keys.groupPrefix() + group.groupId()));
        item.put("groupId", Attrs.s(group.groupId()));
        item.put("name", Attrs.s(group.name()));
        item.put("kind", Attrs.s(group.kind().name()));
        item.put("key", Attrs.s(group.key()));
        item.put("cap", Attrs.n(group.cap()));
        item.put("minSize", Attrs.n(group.minSize()));
        item.put("admins", Attrs.list(group.admins()));
        item.put("memberCount", Attrs.n(group.memberCount()));
        item.put("version", Attrs.n(1));
        item.put("waitlist", Attrs.n(group.waitlist()));
        item.put("status", Attrs.s(group.status().name()));
        item.put("overflow", Attrs.s(group.overflow().name()));
        Attrs.putIfPresent(item, "overflowOf", group.overflowOf());
        Attrs.putIfPresent(item, "welcome", group.welcome());
        Attrs.putIfPresent(item, "platformChatId", group.platformChatId());
        return item;
    }

    /**
     * Create or update the administered fields of a group, leaving its seats, queue and status as they are. One
     * write, no read: the answer is the item as stored afterwards.
     */
    public static Write upsert(String org, Group group) {
        StringBuilder set = new StringBuilder("SET #groupId = :groupId, #name = :name, #kind = :kind, #key = :key, ")
                .append("#cap = :cap, #minSize = :minSize, #admins = :admins, #overflow = :overflow, ")
                .append("#GSI1PK = :pool, #GSI1SK = :poolSk, ")
                .append("#memberCount = if_not_exists(#memberCount, :zero), #waitlist = if_not_exists(#waitlist, :zero), ")
                .append("#status = if_not_exists(#status, :active), #version = if_not_exists(#version, :zero) + :one");
        StringBuilder remove = new StringBuilder();
        Write write = Write.update(Keys.group(org, group.groupId()), "")
                .value(":groupId", group.groupId())
                .value(":name", group.name())
                .value(":kind", group.kind().name())
                .value(":key", group.key())
                .value(":cap", group.cap())
                .value(":minSize", group.minSize())
                .value(":admins", Attrs.list(group.admins()))
                .value(":overflow", group.overflow().name())
                .value(":pool", Keys.pool(org, group))
                .value(":poolSk", Keys.groupPrefix() + group.groupId())
                .value(":zero", 0)
                .value(":one", 1)
                .value(":active", GroupStatus.ACTIVE.name());
        optional(write, set, remove, "welcome", group.welcome());
        optional(write, set, remove, "platformChatId", group.platformChatId());
        String expression = set + (remove.isEmpty() ? "" : " REMOVE " + remove);
        return write.withUpdate(expression);
    }

    private static void optional(Write write, StringBuilder set, StringBuilder remove, String name, String value) {
        if (value == null) {
            remove.append(remove.isEmpty() ? "" : ", ").append('#').append(name);
        } else {
            set.append(", #").append(name).append(" = :").append(name);
            write.value(":" + name, value);
        }
    }
}
