package io.headcount.adapters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Links from a chat platform's ids to ours: a group's {@code platformChatId} and a member's {@code platformUserIds}.
 * Ingest resolves native webhook events through them; each platform id belongs to at most one group or member,
 * which the conditional writes here guarantee.
 */
public final class PlatformLinks {
    static final String OWNER = "owner";

    private PlatformLinks() {
    }

    public static List<Keys.Key> ofGroup(String org, String platformChatId) {
        return platformChatId == null ? List.of() : List.of(Keys.chatLink(org, platformChatId));
    }

    public static List<Keys.Key> ofMember(String org, Map<String, String> platformUserIds) {
        List<Keys.Key> links = new ArrayList<>();
        new TreeMap<>(platformUserIds).forEach((platform, id) -> links.add(Keys.userLink(org, platform, id)));
        return links;
    }

    /** The group or member id a link item points to. */
    public static String owner(Map<String, AttributeValue> link) {
        return Attrs.str(link, OWNER);
    }

    /** Puts for the links gained (only when free or already ours) and deletes for the links lost (only if ours). */
    public static List<Write> changes(List<Keys.Key> before, List<Keys.Key> after, String owner) {
        List<Write> writes = new ArrayList<>();
        for (Keys.Key link : after) {
            if (!before.contains(link)) {
                Map<String, AttributeValue> item = new HashMap<>(link.toMap());
                item.put(OWNER, Attrs.s(owner));
                writes.add(Write.put(item).when("attribute_not_exists(#PK) OR #owner = :owner").value(":owner", owner)
                        .returnOldOnFailure());
            }
        }
        for (Keys.Key link : before) {
            if (!after.contains(link)) {
                writes.add(Write.delete(link).when("#owner = :owner").value(":owner", owner));
            }
        }
        return writes;
    }

    /** The owner of a link that made a transaction fail: someone else already has that platform id. */
    public static ApiError conflict(TransactionCanceledException e, String what) {
        for (CancellationReason reason : e.cancellationReasons()) {
            if (reason.hasItem() && reason.item().containsKey(OWNER)) {
                return new ApiError(ErrorCode.CONFLICT, "that " + what + " already belongs to "
                        + Attrs.str(reason.item(), OWNER));
            }
        }
        return new ApiError(ErrorCode.CONFLICT, "changed by someone else meanwhile; read it again and retry");
    }
}
