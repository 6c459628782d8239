package io.headcount.summarize;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MessageItems;
import io.headcount.adapters.Table;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.ChatMessage;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.testing.RequestCounter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The daily digest run for one org of many groups against the emulator: wall time, DynamoDB requests by
 * operation, and peak heap. Baseline: the same run over the same groups before any message exists (the fan-out
 * alone). Run from the project root with
 * {@code mvn -B -q -pl functions/summarize test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * "-Dexec.args=-Xmx1g -cp %classpath io.headcount.summarize.ScheduledRunBench 1000 200"}.
 */
public final class ScheduledRunBench {
    static final String ORG = "bench";
    static final ZoneId ZONE = ZoneId.of(Policy.DEFAULT.timeZone());
    static final String[] TEXTS = DigestBench.TEXTS;

    /** Samples the used heap every 10 ms: the highest value seen is the run's peak. */
    static final class PeakHeap implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        PeakHeap() {
            System.gc();
            sampler = new Thread(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        long megabytes() {
            return peak.get() >> 20;
        }

        @Override
        public void close() {
            running = false;
        }
    }

    public static void main(String[] args) throws Exception {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perGroup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        RequestCounter requests = new RequestCounter();
        try (Emulator emulator = Emulator.start()) {
            DynamoDbClient client = requests.client(emulator);
            LocalTable.ensure(client, TemplateModel.load(TemplateModel.projectRoot().resolve("template.yaml")),
                    LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
            Table table = new Table(client, LocalDefaults.TABLE_NAME);
            Digests digests = new Digests(new DigestStore(table),
                    new DigestPoster(Duration.ofSeconds(5), 3, Duration.ofMillis(500), Optional.empty()));
            Segmentation.segmenter().words(TEXTS[0]);

            long seedStart = System.nanoTime();
            seedGroups(client, groups);
            requests.take();
            Result baseline = run(digests, requests);
            seedMessages(client, groups, perGroup);
            requests.take();
            long seeded = (System.nanoTime() - seedStart) / 1_000_000;
            Result full = run(digests, requests);

            System.out.printf("org of %d groups x %d messages (seeding took %d s)%n", groups, perGroup, seeded / 1000);
            System.out.printf("%-28s %10s %14s %10s  %s%n", "run", "wall ms", "requests", "peak MB", "by operation");
            print("baseline: no messages", baseline, baseline);
            print("full: " + perGroup + " messages/group", full, baseline);
            if (full.requests().containsKey("Scan") || baseline.requests().containsKey("Scan")) {
                throw new AssertionError("a Scan was used");
            }
        }
    }

    record Result(long millis, Map<String, Long> requests, long peakMegabytes, ScheduleReport report) {
        long total() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Result run(Digests digests, RequestCounter requests) {
        try (PeakHeap heap = new PeakHeap()) {
            long started = System.nanoTime();
            ScheduleReport report = digests.runDaily();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (!report.failed().isEmpty()) {
                throw new AssertionError("groups failed: " + report.failed());
            }
            return new Result(millis, requests.take(), heap.megabytes(), report);
        }
    }

    static void print(String name, Result r, Result baseline) {
        System.out.printf("%-28s %10d %14d %10d  %s (%d digests; %.1fx baseline time, %.2fx requests)%n", name,
                r.millis(), r.total(), r.peakMegabytes(), r.requests(), r.report().digests(),
                (double) r.millis() / Math.max(1, baseline.millis()), (double) r.total() / baseline.total());
    }

    static void seedGroups(DynamoDbClient client, int groups) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(new HashMap<>(Keys.orgListing(ORG).toMap()));
        for (int g = 0; g < groups; g++) {
            String id = "g" + g;
            items.add(GroupItems.item(ORG, new Group(id, "群 " + id, GroupKind.FUNCTION, "sales", 15, 5, List.of(), 15,
                    0, GroupStatus.ACTIVE, null, OverflowMode.DENY, null, null)));
            for (int u = 0; u < 15; u++) {
                Map<String, AttributeValue> seat = new HashMap<>(Keys.seat(ORG, id, id + "-u" + u).toMap());
                seat.put("groupId", Attrs.s(id));
                seat.put("userId", Attrs.s(id + "-u" + u));
                items.add(seat);
            }
        }
        new Table(client, LocalDefaults.TABLE_NAME).putAll(items);
    }

    static void seedMessages(DynamoDbClient client, int groups, int perGroup) {
        Random random = new Random(7);
        Instant start = LocalDate.now(ZONE).atTime(0, 30).atZone(ZONE).toInstant();
        long span = Math.max(1, Duration.between(start, Instant.now()).toMillis());
        for (int g = 0; g < groups; g++) {
            String id = "g" + g;
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (int m = 0; m < perGroup; m++) {
                String text = TEXTS[random.nextInt(TEXTS.length)];
                String replyTo = m > 0 && random.nextInt(3) == 0 ? id + "-m" + random.nextInt(m) : null;
                ChatEvent event = new ChatEvent("api", ChatEvent.Kind.MESSAGE, id + "-m" + m, id,
                        id + "-u" + random.nextInt(15), start.plusMillis(span * m / perGroup), text, false, replyTo,
                        List.of(), null);
                items.add(MessageItems.item(ORG, ChatMessage.of(event, Policy.DEFAULT)));
            }
            new Table(client, LocalDefaults.TABLE_NAME).putAll(items);
        }
    }
}
