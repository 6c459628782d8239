package io.headcount.ingest;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MessageItems;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.ChatMessage;
import io.headcount.domain.Policy;
import io.headcount.seating.AlreadyRecorded;
import io.headcount.seating.Seating;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Keeps chat events, each once. Every change is conditional on not having happened yet, so a redelivered webhook
 * is recognised as a duplicate and changes nothing; a new message and its counters (member, group and seat
 * activity) are written in one transaction.
 */
@ApplicationScoped
class MessageLog {
    /** Transactions on the same counters at once cancel each other; a few tries settle them. */
    static final int ATTEMPTS = 8;
    private static final String CHECK_FAILED = "ConditionalCheckFailed";

    enum Result { ACCEPTED, DUPLICATE }

    private final Table table;
    private final Seating seating;

    MessageLog(Table table, Seating seating) {
        this.table = table;
        this.seating = seating;
    }

    Result keep(String org, Resolution.Resolved resolved, Policy policy, Items items) {
        ChatEvent e = resolved.event();
        return switch (e.kind()) {
            case MESSAGE -> message(org, ChatMessage.of(e, policy), items);
            case EDITED -> edit(org, ChatMessage.of(e, policy), items);
            case DELETED -> delete(org, e, items);
            case REMOVED_BY_ADMIN -> removeByAdmin(org, e, items);
            case REACTION_ADDED, REACTION_REMOVED -> reaction(org, e, items);
            case MEMBER_JOINED, MEMBER_LEFT -> membership(org, e, resolved.changeId(), policy);
        };
    }

    private Result message(String org, ChatMessage message, Items items) {
        ChatEvent e = message.event();
        Keys.Key key = MessageItems.key(org, e);
        if (items.get(key).isPresent()) {
            return Result.DUPLICATE;
        }
        Map<String, AttributeValue> item = MessageItems.item(org, message);
        Keys.Key seat = Keys.seat(org, e.groupId(), e.userId());
        boolean seated = items.get(seat).isPresent();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            pause(attempt);
            List<Write> writes = new ArrayList<>(List.of(
                    Write.put(item).ifAbsent(),
                    activity(items, Keys.groupActivity(org, e.groupId()), "groupId", e.groupId(), "messages", 1,
                            e.at()),
                    activity(items, Keys.memberActivity(org, e.userId()), "userId", e.userId(), "messages", 1,
                            e.at())));
            if (seated) {
                writes.add(Write.update(seat, "ADD #messages :one SET #lastActiveAt = :last")
                        .when("attribute_exists(#PK)").value(":one", 1).value(":last", latest(items, seat, e.at())));
            }
            Optional<List<String>> failed = transact(writes);
            if (failed.isEmpty()) {
                items.put(key, item);
                for (Keys.Key active : seated ? List.of(Keys.groupActivity(org, e.groupId()),
                        Keys.memberActivity(org, e.userId()), seat) : List.of(Keys.groupActivity(org, e.groupId()),
                        Keys.memberActivity(org, e.userId()))) {
                    items.note(active, "lastActiveAt", latest(items, active, e.at()));
                }
                return Result.ACCEPTED;
            }
            if (CHECK_FAILED.equals(failed.get().get(0))) {
                return Result.DUPLICATE;
            }
            if (seated && CHECK_FAILED.equals(failed.get().get(3))) {
                seated = false; // left the group meanwhile: the message still counts for the member and group
            }
        }
        throw busy();
    }

    private Result edit(String org, ChatMessage message, Items items) {
        ChatEvent e = message.event();
        Keys.Key key = MessageItems.key(org, e);
        Map<String, AttributeValue> content = MessageItems.content(message);
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        Write edit = Write.update(key, "");
        content.forEach((name, value) -> {
            set.add("#" + name + " = :" + name);
            edit.value(":" + name, value);
        });
        set.add("#editedAt = :editedAt");
        edit.withUpdate(set.toString()).value(":editedAt", Attrs.time(e.at()))
                .when("attribute_exists(#PK) AND attribute_not_exists(#deletedAt) AND attribute_not_exists(#removedAt)"
                        + " AND (attribute_not_exists(#editedAt) OR #editedAt < :editedAt)");
        return update(key, edit, items);
    }

    /** A deleted message keeps its place in the counts but not its text. */
    private Result delete(String org, ChatEvent e, Items items) {
        Keys.Key key = MessageItems.key(org, e);
        Write delete = Write.update(key, "SET #deletedAt = :at, #deletedBy = :by REMOVE #text")
                .when("attribute_exists(#PK) AND attribute_not_exists(#deletedAt)")
                .value(":at", Attrs.time(e.at())).value(":by", e.userId());
        return update(key, delete, items);
    }

    /** Removed by an admin: the text goes, and the author's and group's removal counters go up, once. */
    private Result removeByAdmin(String org, ChatEvent e, Items items) {
        Keys.Key key = MessageItems.key(org, e);
        String author = Attrs.str(items.get(key).orElseThrow(), "userId");
        List<Write> writes = List.of(
                Write.update(key, "SET #removedAt = :at, #removedBy = :by REMOVE #text")
                        .when("attribute_exists(#PK) AND attribute_not_exists(#removedAt)")
                        .value(":at", Attrs.time(e.at())).value(":by", e.userId()),
                counter(Keys.memberActivity(org, author), "userId", author, "removedByAdmin", 1),
                counter(Keys.groupActivity(org, e.groupId()), "groupId", e.groupId(), "removedByAdmin", 1));
        return once(key, writes, items);
    }

    /**
     * Reactions are a set of (member, emoji) on the message, with the time of each one's last change: only a change
     * newer than the one kept takes effect, so a redelivered or late event never undoes a later one. The author's
     * count of reactions received leaves out their own.
     */
    private Result reaction(String org, ChatEvent e, Items items) {
        Keys.Key key = MessageItems.key(org, e);
        String author = Attrs.str(items.get(key).orElseThrow(), "userId");
        boolean added = e.kind() == ChatEvent.Kind.REACTION_ADDED;
        String reaction = MessageItems.reaction(e.userId(), e.reaction());
        String newer = "attribute_exists(#PK) AND (attribute_not_exists(#changed) OR #changed < :at)";
        int delta = added ? 1 : -1;
        List<Write> writes = new ArrayList<>();
        writes.add(Write.update(key, (added ? "ADD" : "DELETE") + " #reactions :reaction SET #changed = :at")
                .when(newer + (added ? " AND NOT contains(#reactions, :one)" : " AND contains(#reactions, :one)"))
                .name("#changed", MessageItems.reactionChanged(reaction))
                .value(":reaction", AttributeValue.fromSs(List.of(reaction))).value(":one", reaction)
                .value(":at", Attrs.time(e.at())));
        writes.add(counter(Keys.groupActivity(org, e.groupId()), "groupId", e.groupId(), "reactions", delta));
        if (!author.equals(e.userId())) {
            writes.add(counter(Keys.memberActivity(org, author), "userId", author, "reactionsReceived", delta));
        }
        if (once(key, writes, items) == Result.ACCEPTED) {
            return Result.ACCEPTED;
        }
        // Not a change of the set: either stale (a later change is kept) or the set already says so; then only
        // the time moves on, so that older events stay behind it.
        Write time = Write.update(key, "SET #changed = :at").when(newer)
                .name("#changed", MessageItems.reactionChanged(reaction)).value(":at", Attrs.time(e.at()));
        return update(key, time, items);
    }

    /**
     * Someone joined or left the chat on the platform: the seat changes with the same transactions as joins and
     * leaves through the API (counters never below zero nor above the platform's hard cap), together with a
     * record of the change, so a redelivery changes nothing.
     */
    private Result membership(String org, ChatEvent e, String changeId, Policy policy) {
        Map<String, AttributeValue> record = new HashMap<>(Keys.chatChange(org, e.platform(), changeId).toMap());
        record.put("kind", Attrs.s(e.kind().name()));
        record.put("groupId", Attrs.s(e.groupId()));
        record.put("userId", Attrs.s(e.userId()));
        record.put("at", Attrs.time(e.at()));
        record.put(Keys.TTL, Attrs.n(ChatMessage.expiry(e.at(), policy).getEpochSecond()));
        Write write = Write.put(record).ifAbsent();
        try {
            if (e.kind() == ChatEvent.Kind.MEMBER_JOINED) {
                seating.seatFromPlatform(org, e.groupId(), e.userId(), write);
            } else {
                seating.leave(org, e.groupId(), e.userId(), write);
            }
            return Result.ACCEPTED;
        } catch (AlreadyRecorded duplicate) {
            return Result.DUPLICATE;
        } catch (ApiError error) {
            if (error.code() == ErrorCode.CONFLICT) {
                throw new Refused(error.getMessage());
            }
            throw error;
        }
    }

    /** One conditional update of the message; its condition failing means it happened already. */
    private Result update(Keys.Key key, Write write, Items items) {
        try {
            items.put(key, table.update(write));
            return Result.ACCEPTED;
        } catch (ConditionalCheckFailedException e) {
            return Result.DUPLICATE;
        }
    }

    /** A transaction whose first write is the message's, conditional on the change not having happened yet. */
    private Result once(Keys.Key key, List<Write> writes, Items items) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            pause(attempt);
            Optional<List<String>> failed = transact(writes);
            if (failed.isEmpty()) {
                items.forget(key);
                return Result.ACCEPTED;
            }
            if (CHECK_FAILED.equals(failed.get().get(0))) {
                return Result.DUPLICATE;
            }
        }
        throw busy();
    }

    /** Empty when written; else the cancellation code of each write (conflicts with concurrent writers retried). */
    private Optional<List<String>> transact(List<Write> writes) {
        try {
            table.transact(writes);
            return Optional.empty();
        } catch (TransactionCanceledException e) {
            List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
            if (codes.size() != writes.size() || codes.stream().noneMatch(CHECK_FAILED::equals)
                    && codes.stream().noneMatch("TransactionConflict"::equals)) {
                throw e;
            }
            return Optional.of(codes);
        }
    }

    private static Write activity(Items items, Keys.Key key, String idName, String id, String counter, int delta,
            Instant at) {
        return counter(key, idName, id, counter, delta)
                .withUpdate("ADD #" + counter + " :delta SET #" + idName + " = :id, #lastActiveAt = :last")
                .value(":last", latest(items, key, at));
    }

    private static Write counter(Keys.Key key, String idName, String id, String counter, int delta) {
        return Write.update(key, "ADD #" + counter + " :delta SET #" + idName + " = :id")
                .value(":delta", delta).value(":id", id);
    }

    /** The later of the time kept on the item and this event's: messages may arrive out of order. */
    private static AttributeValue latest(Items items, Keys.Key key, Instant at) {
        Instant kept = items.get(key).map(item -> Attrs.str(item, "lastActiveAt")).map(Instant::parse).orElse(null);
        return Attrs.time(kept != null && kept.isAfter(at) ? kept : at);
    }

    /** Spreads retries of writers that cancelled each other. */
    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static ApiError busy() {
        return new ApiError(ErrorCode.CONFLICT, "this group is receiving too many events at once; try again");
    }
}
