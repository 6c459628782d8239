package io.headcount.regroup;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Json;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Page;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.RegroupPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Plans in the table: a header per plan in the org's plan partition, and the operations in chunks of JSON in the
 * plan's own partition, beside the markers of the steps applied.
 */
@ApplicationScoped
class PlanStore {
    /** Operations per chunk are bounded by size, far below DynamoDB's 400 KB per item. */
    static final int CHUNK_BYTES = 100_000;
    static final int PAGE_SIZE = 50;
    /** {@code <UTC yyyyMMdd'T'HHmmss>-<10 hex>}: sorts by the time the plan was made. */
    static final Pattern PLAN_ID = Pattern.compile("\\d{8}T\\d{6}-[0-9a-f]{10}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Table table;

    PlanStore(Table table) {
        this.table = table;
    }

    /**
     * Keeps a plan as PROPOSED: chunks first, header last, so a header never names chunks that are not there. The
     * same plan of the same snapshot made twice in one second has the same id and is kept once.
     */
    StoredPlan save(String org, RegroupPlan plan, OrgSnapshot madeFrom) {
        // The plan's time is written (flags, moves, seats) as kept: to the millisecond, as a resumed run reads it.
        Instant createdAt = madeFrom.now().truncatedTo(ChronoUnit.MILLIS);
        List<OperationView> operations = plan.operations().stream().map(OperationView::of).toList();
        String planId = planId(createdAt, plan.fingerprint(), Json.write(operations));
        List<String> chunks = chunks(operations);
        for (int i = 0; i < chunks.size(); i++) {
            Map<String, AttributeValue> chunk = new HashMap<>(Keys.planOperations(org, planId, i).toMap());
            chunk.put("operations", Attrs.s(chunks.get(i)));
            table.put(chunk);
        }
        Map<String, Integer> counts = new TreeMap<>();
        plan.operations().forEach(o -> counts.merge(o.op().name(), 1, Integer::sum));
        StoredPlan stored = new StoredPlan(planId, StoredPlan.Status.PROPOSED, plan.fingerprint(), createdAt,
                operations.size(), counts, plan.moves(), plan.lowerBound(), plan.unsettled(), chunks.size(),
                StoredPlan.overCap(madeFrom, plan), 0, null, null);
        if (!table.putIfAbsent(header(org, stored))) {
            return plan(org, planId).orElseThrow();
        }
        return stored;
    }

    Optional<StoredPlan> plan(String org, String planId) {
        return table.get(Keys.plan(org, planId)).map(PlanStore::stored);
    }

    /** The plan's operations in order, from its chunks. */
    List<PlanOperation> operations(String org, StoredPlan plan) {
        List<Map<String, AttributeValue>> chunks = table.queryAll(Keys.planPartition(org, plan.planId()),
                Keys.planOperationsPrefix(), false);
        if (chunks.size() != plan.chunks()) {
            throw new IllegalStateException("plan " + plan.planId() + " has " + chunks.size() + " of its "
                    + plan.chunks() + " chunks");
        }
        List<PlanOperation> operations = new ArrayList<>();
        for (Map<String, AttributeValue> chunk : chunks) {
            byte[] json = Attrs.str(chunk, "operations").getBytes(StandardCharsets.UTF_8);
            Arrays.stream(Json.read(json, OperationView[].class)).map(OperationView::operation)
                    .forEach(operations::add);
        }
        return operations;
    }

    /** PROPOSED becomes APPLYING; false when the plan was not PROPOSED any more (another apply started it). */
    boolean start(String org, String planId, Instant at) {
        try {
            table.update(Write.update(Keys.plan(org, planId), "SET #status = :applying, #startedAt = :at")
                    .when("#status = :proposed").value(":applying", StoredPlan.Status.APPLYING.name())
                    .value(":proposed", StoredPlan.Status.PROPOSED.name()).value(":at", Attrs.time(at)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Every step done: APPLYING becomes APPLIED (a second finisher finds it done and changes nothing). */
    void finish(String org, String planId, Instant at) {
        try {
            table.update(Write.update(Keys.plan(org, planId), "SET #status = :applied, #appliedAt = :at")
                    .when("#status = :applying").value(":applied", StoredPlan.Status.APPLIED.name())
                    .value(":applying", StoredPlan.Status.APPLYING.name()).value(":at", Attrs.time(at)));
        } catch (ConditionalCheckFailedException e) {
            // already APPLIED by a concurrent apply of the same plan
        }
    }

    /** The marker of step {@code index}: its put fails, and cancels the step, when the step was done before. */
    static Write stepMarker(String org, String planId, int index, PlanOperation operation, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.planStep(org, planId, index).toMap());
        item.put("index", Attrs.n(index));
        item.put("op", Attrs.s(operation.op().name()));
        item.put("at", Attrs.time(at));
        return Write.put(item).ifAbsent();
    }

    /** Counts a step on the header, in the step's transaction; only while the plan is being applied. */
    static Write stepCounted(String org, String planId) {
        return Write.update(Keys.plan(org, planId), "SET #stepsDone = #stepsDone + :one")
                .when("#status = :applying").value(":one", 1)
                .value(":applying", StoredPlan.Status.APPLYING.name());
    }

    /** One page of the org's plans, newest first; {@code after} is the opaque cursor of the previous page. */
    PlanView.Page page(String org, String after) {
        Map<String, AttributeValue> start = null;
        if (after != null) {
            start = new HashMap<>(new Keys.Key(Keys.plans(org), decodeCursor(after)).toMap());
        }
        Page page = table.queryBackwards(Keys.plans(org), Keys.planPrefix(), PAGE_SIZE, start);
        List<PlanView> plans = page.items().stream().map(PlanStore::stored).map(PlanView::summary).toList();
        String next = page.next() == null ? null : encodeCursor(Attrs.str(page.next(), Keys.SK));
        return new PlanView.Page(plans, next);
    }

    static String planId(Instant createdAt, String fingerprint, String operationsJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            sha.update(operationsJson.getBytes(StandardCharsets.UTF_8));
            return ID_TIME.format(createdAt) + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The operations as JSON arrays of at most CHUNK_BYTES each (one operation alone is always far smaller). */
    static List<String> chunks(List<OperationView> operations) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder("[");
        int bytes = 1;
        for (OperationView o : operations) {
            String json = Json.write(o);
            int size = json.getBytes(StandardCharsets.UTF_8).length + 1;
            if (chunk.length() > 1 && bytes + size + 1 > CHUNK_BYTES) {
                chunks.add(chunk.append(']').toString());
                chunk = new StringBuilder("[");
                bytes = 1;
            }
            chunk.append(chunk.length() > 1 ? "," : "").append(json);
            bytes += size;
        }
        if (chunk.length() > 1 || chunks.isEmpty()) {
            chunks.add(chunk.append(']').toString());
        }
        return chunks;
    }

    private static Map<String, AttributeValue> header(String org, StoredPlan p) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.plan(org, p.planId()).toMap());
        item.put("planId", Attrs.s(p.planId()));
        item.put("status", Attrs.s(p.status().name()));
        item.put("fingerprint", Attrs.s(p.fingerprint()));
        item.put("createdAt", Attrs.time(p.createdAt()));
        item.put("steps", Attrs.n(p.steps()));
        Map<String, AttributeValue> counts = new HashMap<>();
        p.counts().forEach((op, n) -> counts.put(op, Attrs.n(n)));
        item.put("counts", AttributeValue.fromM(counts));
        item.put("moves", Attrs.n(p.moves()));
        item.put("lowerBound", Attrs.n(p.lowerBound()));
        item.put("unsettled", Attrs.s(Json.write(p.unsettled())));
        item.put("chunks", Attrs.n(p.chunks()));
        Map<String, AttributeValue> overCap = new HashMap<>();
        p.overCap().forEach((step, members) -> overCap.put(Integer.toString(step), Attrs.n(members)));
        item.put("overCap", AttributeValue.fromM(overCap));
        item.put("stepsDone", Attrs.n(p.stepsDone()));
        return item;
    }

    private static StoredPlan stored(Map<String, AttributeValue> item) {
        Map<String, Integer> counts = new TreeMap<>();
        AttributeValue stored = item.get("counts");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((op, n) -> counts.put(op, Integer.parseInt(n.n())));
        }
        Map<Integer, Integer> overCap = new TreeMap<>();
        AttributeValue over = item.get("overCap");
        if (over != null && over.hasM()) {
            over.m().forEach((step, n) -> overCap.put(Integer.parseInt(step), Integer.parseInt(n.n())));
        }
        RegroupPlan.Unsettled[] unsettled = Json.read(Attrs.str(item, "unsettled").getBytes(StandardCharsets.UTF_8),
                RegroupPlan.Unsettled[].class);
        return new StoredPlan(Attrs.str(item, "planId"), StoredPlan.Status.valueOf(Attrs.str(item, "status")),
                Attrs.str(item, "fingerprint"), instant(Attrs.str(item, "createdAt")), (int) Attrs.num(item, "steps"),
                counts, (int) Attrs.num(item, "moves"), (int) Attrs.num(item, "lowerBound"), List.of(unsettled),
                (int) Attrs.num(item, "chunks"), overCap, (int) Attrs.num(item, "stepsDone"),
                instant(Attrs.str(item, "startedAt")), instant(Attrs.str(item, "appliedAt")));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    /** Cursors carry only a plan sort key of the caller's own org, so they cannot reach another org. */
    private static String encodeCursor(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!sortKey.startsWith(Keys.planPrefix())
                    || !PLAN_ID.matcher(sortKey.substring(Keys.planPrefix().length())).matches()
                    || !encodeCursor(sortKey).equals(cursor)) {
                throw new IllegalArgumentException();
            }
            return sortKey;
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.MALFORMED_REQUEST, "the 'after' cursor is not one this API gave out");
        }
    }
}
