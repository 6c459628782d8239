package io.headcount.adapters;

import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
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
}
