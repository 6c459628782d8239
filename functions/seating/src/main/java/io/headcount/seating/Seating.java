package io.headcount.seating;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Write;
import io.headcount.domain.Admission;
import io.headcount.domain.Decision;
import io.headcount.domain.Group;
import io.headcount.domain.JoinRequest;
import io.headcount.domain.Messages;
import io.headcount.domain.Outcome;
import io.headcount.domain.Seat;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Join and leave: read the facts, let the domain decide, write the decision in one conditional transaction. When a
 * concurrent request got there first the transaction is cancelled and the decision is made again on fresh facts;
 * every lost race means someone else took a seat, so the loop ends.
 */
@ApplicationScoped
public class Seating {
    /** Enough to outlast every competitor for the last seats of a pool under heavy contention. */
    static final int ATTEMPTS = 40;

    private final SeatStore store;
    private final Remembered remembered;
    private final Clock clock;

    Seating(SeatStore store, Remembered remembered) {
        this.store = store;
        this.remembered = remembered;
        this.clock = Clock.systemUTC();
    }

    public Optional<Group> group(String org, String groupId) {
        return store.group(org, groupId);
    }

    public JoinAnswer join(String org, String groupId, String userId) {
        Optional<JoinAnswer> known = remembered.recall(org, groupId, userId, clock.millis())
                .flatMap(facts -> admitKnown(org, facts, userId));
        if (known.isPresent()) {
            return known.get();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Facts facts = store.facts(org, groupId, userId).orElseThrow(() -> ApiError.notFound("group " + groupId));
            Instant now = clock.instant();
            remembered.remember(org, facts, now.toEpochMilli());
            if (facts.seat() != null) {
                return answer(org, facts, Admission.again(facts.seat(), groupId, now), null);
            }
            if (facts.ticket() != null) {
                int position = store.position(org, groupId, facts.ticket());
                return answer(org, facts, Decision.waitlisted(groupId, position), null);
            }
            List<Group> pool = Admission.needsPool(facts.group()) ? store.pool(org, facts.group()) : List.of();
            Decision decision = Admission.decide(
                    new JoinRequest(facts.group(), facts.member(), false, facts.policy(), pool));
            Optional<JoinAnswer> done = write(org, facts, pool, decision, userId, now);
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new ApiError(ErrorCode.CONFLICT, "too many people are joining this pool at once; try again");
    }

    /**
     * One round trip for a joiner the instance has seen before: try the seat at once on remembered facts. Empty
     * when the group is full or anything changed since; then the memory is dropped and the full path decides.
     */
    private Optional<JoinAnswer> admitKnown(String org, Facts known, String userId) {
        if (known.group().free() == 0 || !Admission.admitsWhenSeatFree(known.group(), known.member(), known.policy())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            store.write(store.rememberedSeatWrites(org, known, userId, now));
            remembered.seatTaken(org, known.group().groupId());
            return Optional.of(answer(org, known, Decision.admitted(known.group().groupId()), known.group()));
        } catch (TransactionCanceledException e) {
            Optional<Seat> seated = seatedElsewhere(e);
            if (seated.isPresent()) {
                return Optional.of(answer(org, known, Admission.again(seated.get(), known.group().groupId(), now),
                        null));
            }
            remembered.forget(org, known.group().groupId(), userId);
            return Optional.empty();
        }
    }

    /** Empty when a concurrent change cancelled the write and the decision must be made again. */
    private Optional<JoinAnswer> write(String org, Facts facts, List<Group> pool, Decision decision, String userId,
            Instant now) {
        Group requested = facts.group();
        switch (decision.outcome()) {
            case ADMITTED, REDIRECTED, OVERFLOW_OPENED -> {
                boolean opened = decision.outcome() == Outcome.OVERFLOW_OPENED;
                Group target = opened ? decision.opened() : find(pool, requested, decision.groupId());
                List<Write> writes = store.seatWrites(org, target, opened, userId, requested.groupId(),
                        decision.outcome(), facts.policy(), now);
                try {
                    store.write(writes);
                    remembered.seatTaken(org, target.groupId());
                    return Optional.of(answer(org, facts, decision, target));
                } catch (TransactionCanceledException e) {
                    return seatedElsewhere(e).map(seat -> answer(org, facts, Admission.again(seat,
                            requested.groupId(), now), null));
                }
            }
            case WAITLISTED -> {
                try {
                    store.write(store.enqueueWrites(org, requested, userId, facts.policy(), now));
                    return Optional.of(answer(org, facts, decision, requested));
                } catch (TransactionCanceledException e) {
                    return Optional.empty();
                }
            }
            default -> {
                return Optional.of(answer(org, facts, decision, requested));
            }
        }
    }

    public LeaveAnswer leave(String org, String groupId, String userId) {
        return leave(org, groupId, userId, null);
    }

    /**
     * Leave, with {@code record} (when not null) written in the same transaction as the change, or alone when
     * nothing changes: a conditional write that makes the change happen at most once.
     *
     * @throws AlreadyRecorded when the record's condition fails
     */
    public LeaveAnswer leave(String org, String groupId, String userId, Write record) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Facts facts = store.facts(org, groupId, userId).orElseThrow(() -> ApiError.notFound("group " + groupId));
            Group group = facts.group();
            try {
                if (facts.seat() == null) {
                    if (facts.ticket() == null) {
                        write(List.of(), record);
                        return new LeaveAnswer(false, null);
                    }
                    write(store.dequeueWrites(org, groupId, userId, facts.ticket()), record);
                    return new LeaveAnswer(true, null);
                }
                List<Write> writes = new ArrayList<>(store.releaseWrites(org, group, userId,
                        SeatStore.poolOfSeat(facts, org)));
                Optional<Map.Entry<String, String>> head = group.waitlist() > 0 && group.memberCount() - 1 < group.cap()
                        ? store.queueHead(org, groupId) : Optional.empty();
                if (head.isEmpty()) {
                    writes.add(store.groupLosesMember(org, group));
                    write(writes, record);
                    return new LeaveAnswer(true, null);
                }
                if (promote(org, facts, writes, head.get(), userId, record)) {
                    return new LeaveAnswer(true, head.get().getValue());
                }
            } catch (TransactionCanceledException e) {
                // Someone changed the seat or the queue meanwhile: look again.
                AlreadyRecorded.check(e, record);
            }
        }
        throw new ApiError(ErrorCode.CONFLICT, "this group is changing too fast; try again");
    }

    /**
     * A seat for a member the chat platform reports in the group's chat: the platform already let them in, so only
     * its hard cap limits the group (the group's own cap, eligibility and groups-per-member do not); the member
     * leaves the group's queue if queued, and keeps one pool seat where they have none yet.
     *
     * @return false when the member already had the seat (the record alone is written)
     * @throws AlreadyRecorded when the record's condition fails
     * @throws ApiError CONFLICT when the group is at the platform's hard cap, or archived (an archived group keeps
     *                  no seats, whatever its old chat still does)
     */
    public boolean seatFromPlatform(String org, String groupId, String userId, Write record) {
        boolean poolSeatTaken = false;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Facts facts = store.facts(org, groupId, userId).orElseThrow(() -> ApiError.notFound("group " + groupId));
            try {
                if (facts.seat() != null) {
                    write(List.of(), record);
                    return false;
                }
                if (!facts.group().isActive()) {
                    throw new ApiError(ErrorCode.CONFLICT, "group " + groupId + " is archived: joins to its chat"
                            + " are not seated");
                }
                if (facts.group().memberCount() >= facts.policy().hardCap()) {
                    throw new ApiError(ErrorCode.CONFLICT, "the group is at the chat platform's hard cap of "
                            + facts.policy().hardCap() + " members");
                }
                List<Write> writes = new ArrayList<>(store.platformSeatWrites(org, facts, userId, !poolSeatTaken,
                        clock.instant()));
                if (facts.ticket() != null) {
                    writes.addAll(store.dequeueWrites(org, groupId, userId, facts.ticket()));
                }
                write(writes, record);
                return true;
            } catch (TransactionCanceledException e) {
                AlreadyRecorded.check(e, record);
                // Seated elsewhere in the pool: this seat goes without a pool seat. Otherwise look again.
                poolSeatTaken |= seatedElsewhere(e).isPresent();
            }
        }
        throw new ApiError(ErrorCode.CONFLICT, "this group is changing too fast; try again");
    }

    private void write(List<Write> writes, Write record) {
        if (record == null && writes.isEmpty()) {
            return;
        }
        List<Write> all = new ArrayList<>(writes);
        if (record != null) {
            all.add(record);
        }
        store.write(all);
    }

    /**
     * Hands the freed seat to the head of the queue in the same transaction. When the head can no longer take it
     * (left the company, joined the pool elsewhere, too many groups) it leaves the queue and the caller tries again.
     */
    private boolean promote(String org, Facts facts, List<Write> release, Map.Entry<String, String> head,
            String leaver, Write record) {
        Group group = facts.group();
        String next = head.getValue();
        List<Write> writes = new ArrayList<>(release);
        writes.addAll(store.promotionWrites(org, group.groupId(), next, head.getKey()));
        List<Write> seat = store.seatWrites(org, group, false, next, group.groupId(), Outcome.ADMITTED,
                facts.policy(), clock.instant());
        // Without the group's counter update: promotionWrites already covers the group item.
        writes.addAll(seat.subList(1, seat.size()));
        if (record != null) {
            writes.add(record);
        }
        try {
            store.write(writes);
            return true;
        } catch (TransactionCanceledException e) {
            AlreadyRecorded.check(e, record);
            List<CancellationReason> reasons = e.cancellationReasons();
            int headFirst = release.size() + 3;
            boolean headFailed = reasons.size() == writes.size() && reasons.subList(headFirst, headFirst + 3).stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
            boolean leaverFine = reasons.subList(0, release.size()).stream()
                    .noneMatch(r -> "ConditionalCheckFailed".equals(r.code()));
            if (headFailed && leaverFine && !leaver.equals(next)) {
                try {
                    store.write(store.dequeueWrites(org, group.groupId(), next, head.getKey()));
                } catch (TransactionCanceledException alreadyGone) {
                    // Another request removed it first.
                }
            }
            return false;
        }
    }

    /** The member's existing seat in the pool, when that is what cancelled the transaction. */
    private static Optional<Seat> seatedElsewhere(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons.size() <= SeatStore.POOL_SEAT) {
            return Optional.empty();
        }
        CancellationReason poolSeat = reasons.get(SeatStore.POOL_SEAT);
        if (!"ConditionalCheckFailed".equals(poolSeat.code()) || !poolSeat.hasItem() || poolSeat.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SeatStore.seat(poolSeat.item()));
    }

    private JoinAnswer answer(String org, Facts facts, Decision decision, Group seated) {
        Group requested = facts.group();
        Group about = seated;
        if (about == null) {
            about = decision.groupId().equals(requested.groupId()) ? requested
                    : store.group(org, decision.groupId()).orElse(requested);
        }
        String message = Messages.forDecision(decision, facts.policy().language(), requested, about, facts.member(),
                facts.policy().maxGroupsPerMember());
        return new JoinAnswer(decision.outcome().name(), decision.groupId(),
                decision.reason() == null ? null : decision.reason().name(), decision.position(), message);
    }

    private static Group find(List<Group> pool, Group requested, String groupId) {
        if (requested.groupId().equals(groupId)) {
            return requested;
        }
        return pool.stream().filter(g -> g.groupId().equals(groupId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("decision names a group outside the pool"));
    }
}
