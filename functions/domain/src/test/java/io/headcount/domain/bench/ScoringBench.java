package io.headcount.domain.bench;

import io.headcount.domain.KeptMessage;
import io.headcount.domain.ScoreWeights;
import io.headcount.domain.Scoring;
import io.headcount.domain.TopicTag;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scoring one org-week of many message events on one core (no I/O): median time of 5 runs after 2 warm-ups,
 * against a baseline of sorting the same events in the same run, and the heap the scoring adds on top of its
 * input, for a small and a large week with the same members. Run from the project root with
 * {@code mvn -B -q -pl functions/domain test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * "-Dexec.args=-Xmx3g -XX:ActiveProcessorCount=1 -cp %classpath io.headcount.domain.bench.ScoringBench 1000000"}.
 */
public final class ScoringBench {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final int MEMBERS = 300;
    static final int GROUPS = 25;
    static final String[] TEXTS = {
        "【客户反馈】华东区客户反映报价流程太慢", "#求助 合同模板在哪里？", "明天下午去拜访上海的老客户",
        "收到", "[任务] 周五前把周报发出来", "工单系统今天又卡住了", "[案例分享] 宁钢集团续约复盘", "请问发票什么时候能开？",
        "好的", "👍", "这个客户的付款周期是多久？", "【通知】本周五下午三点例会"};

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        for (int size : new int[] {events / 10, events}) {
            List<Scoring.GroupWeek> week = week(size);
            long[] scoring = new long[5];
            long[] sorting = new long[5];
            long peak = 0;
            for (int run = -2; run < 5; run++) {
                long t0 = System.nanoTime();
                List<KeptMessage> sorted = week.stream().flatMap(g -> g.messages().stream())
                        .sorted(Comparator.comparing(KeptMessage::at).thenComparing(KeptMessage::messageId)).toList();
                long t1 = System.nanoTime();
                System.gc();
                long before = used();
                AtomicLong max = new AtomicLong(before);
                Thread sampler = sampler(max);
                long t2 = System.nanoTime();
                Scoring.Board board = Scoring.of(new Scoring.Input(MONDAY, ZONE, ScoreWeights.DEFAULT, week, Map.of()));
                long t3 = System.nanoTime();
                sampler.interrupt();
                if (run >= 0) {
                    sorting[run] = t1 - t0;
                    scoring[run] = t3 - t2;
                    peak = Math.max(peak, max.get() - before);
                }
                if (board.org().size() != MEMBERS || sorted.size() != size) {
                    throw new AssertionError("unexpected board");
                }
            }
            System.out.printf("%,d events, %d members: scoring %d ms (median of 5), baseline sort %d ms, %.1fx;"
                    + " heap added while scoring (sampled peak) %d MB%n", size, MEMBERS, median(scoring) / 1_000_000,
                    median(sorting) / 1_000_000, (double) median(scoring) / median(sorting), peak >> 20);
        }
    }

    static List<Scoring.GroupWeek> week(int size) {
        Random random = new Random(11);
        Instant start = MONDAY.atStartOfDay(ZONE).toInstant();
        long span = 7L * 24 * 3600 * 1000;
        List<List<KeptMessage>> byGroup = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            byGroup.add(new ArrayList<>());
        }
        for (int i = 0; i < size; i++) {
            int group = random.nextInt(GROUPS);
            String text = TEXTS[random.nextInt(TEXTS.length)] + (i % 3 == 0 ? " " + i : "");
            List<KeptMessage> messages = byGroup.get(group);
            String replyTo = !messages.isEmpty() && random.nextInt(3) == 0
                    ? messages.get(random.nextInt(messages.size())).messageId() : null;
            Set<String> reactors = random.nextInt(8) == 0 ? Set.of("u" + (2 + random.nextInt(MEMBERS - 2)), "u1") : Set.of();
            messages.add(KeptMessage.arrived("m" + i, "u" + ((group * 12 + random.nextInt(12)) % MEMBERS),
                    start.plusMillis((long) (random.nextDouble() * span)), text, replyTo, List.of(),
                    TopicTag.DEFAULT_TAGS, false, random.nextInt(500) == 0, reactors));
        }
        List<Scoring.GroupWeek> week = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            week.add(new Scoring.GroupWeek("g" + g, g % 2 == 0, byGroup.get(g)));
        }
        return week;
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static Thread sampler(AtomicLong max) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                max.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
