package io.headcount.summarize;

import io.headcount.domain.Digest;
import io.headcount.domain.KeptMessage;
import io.headcount.domain.Period;
import io.headcount.domain.TopicTag;
import io.headcount.domain.WorkingHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The digest of one group-day of 10,000 messages, on one core, segmenter loaded and warmed (no I/O). Baseline:
 * sorting the same messages, the least any digest must do. Run from the project root with
 * {@code mvn -B -q -pl functions/summarize test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * "-Dexec.args=-cp %classpath org.openjdk.jmh.Main DigestBench -f 1"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:ActiveProcessorCount=1"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@State(Scope.Thread)
public class DigestBench {
    static final int MESSAGES = 10_000;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final String[] TEXTS = {
        "【客户反馈】华东区客户反映报价流程太慢，希望下周前给到正式报价",
        "#求助 合同模板在哪里？法务那边的审批流程是怎样的",
        "明天下午去拜访上海的老客户，顺便谈一下回款和续约",
        "收到，谢谢",
        "【任务】@u3 周五前把周报发出来",
        "工单系统今天又卡住了，售后那边投诉很多",
        "[案例分享] 宁钢集团续约复盘：先谈服务再谈价格",
        "请问发票什么时候能开？客户在催",
        "好的",
        "这个客户的付款周期是多久？",
        "【通知】本周五下午三点例会，请准时参加",
        "物流延迟的问题已经和仓库确认，明天发货"};

    Digest.Input input;
    WorkingHours hours;
    Digest.Segmenter segmenter;
    List<String> stopWords;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<KeptMessage> messages = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            members.add("u" + i);
        }
        Instant start = DAY.atTime(8, 0).atZone(ZONE).toInstant();
        for (int i = 0; i < MESSAGES; i++) {
            String text = TEXTS[random.nextInt(TEXTS.length)] + (i % 7 == 0 ? " 第" + i + "单" : "");
            String replyTo = i > 0 && random.nextInt(3) == 0 ? "m" + random.nextInt(i) : null;
            List<String> mentions = text.contains("@u3") ? List.of("u3") : List.of();
            Set<String> reactors = random.nextInt(10) == 0 ? Set.of("u1", "u2", "u5") : Set.of();
            messages.add(KeptMessage.arrived("m" + i, members.get(random.nextInt(members.size())),
                    start.plusMillis(i * 4_000L), text, replyTo, mentions, TopicTag.DEFAULT_TAGS, false, false,
                    reactors));
        }
        java.util.Collections.shuffle(messages, random);
        input = new Digest.Input("east", Period.DAY, DAY, 15, 5, members, messages, 70);
        hours = WorkingHours.weekdays(ZONE);
        segmenter = Segmentation.segmenter();
        stopWords = Segmentation.stopWords();
        segmenter.words(TEXTS[0]);
    }

    @Benchmark
    public List<KeptMessage> baselineSort() {
        return input.messages().stream()
                .sorted(Comparator.comparing(KeptMessage::at).thenComparing(KeptMessage::messageId)).toList();
    }

    @Benchmark
    public Digest digestWithoutTopics() {
        return Digest.of(input, hours, text -> List.of(), stopWords);
    }

    @Benchmark
    public Digest digest() {
        return Digest.of(input, hours, segmenter, stopWords);
    }
}
