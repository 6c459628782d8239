package io.headcount.adapters;

import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Roster entries as table items; groupCount changes only together with a seat, version with every write. */
public final class MemberItems {

    private MemberItems() {
    }

    public static Member from(Map<String, AttributeValue> item) {
        return new Member(
                Attrs.str(item, "userId"),
                Attrs.str(item, "name"),
                Attrs.str(item, "function"),
                Attrs.strings(item, "projects"),
                MemberStatus.valueOf(Attrs.str(item, "status")),
                Attrs.strMap(item, "platformUserIds"),
                (int) Attrs.num(item, "groupCount"));
    }

    /** Create or update the administered fields of a member, status included; the seat count stays as it is. */
    public static Write upsert(String org, Member member) {
        return Write.update(Keys.member(org, member.userId()),
                        "SET #userId = :userId, #name = :name, #function = :function, #projects = :projects, "
                                + "#platformUserIds = :platformUserIds, #status = :status, "
                                + "#groupCount = if_not_exists(#groupCount, :zero), "
                                + "#version = if_not_exists(#version, :zero) + :one")
                .value(":userId", member.userId())
                .value(":name", member.name())
                .value(":function", member.function())
                .value(":projects", Attrs.list(member.projects()))
                .value(":platformUserIds", Attrs.map(member.platformUserIds()))
                .value(":status", member.status().name())
                .value(":zero", 0)
                .value(":one", 1);
    }

    /** A brand-new member item, in no group yet: what {@link #upsert} would create where no item exists. */
    public static Map<String, AttributeValue> item(String org, Member member) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.member(org, member.userId()).toMap());
        item.put("userId", Attrs.s(member.userId()));
        item.put("name", Attrs.s(member.name()));
        item.put("function", Attrs.s(member.function()));
        item.put("projects", Attrs.list(member.projects()));
        item.put("platformUserIds", Attrs.map(member.platformUserIds()));
        item.put("status", Attrs.s(member.status().name()));
        item.put("groupCount", Attrs.n(0));
        item.put("version", Attrs.n(1));
        return item;
    }
}
