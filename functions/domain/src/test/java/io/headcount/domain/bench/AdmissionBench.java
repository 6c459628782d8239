package io.headcount.domain.bench;

import io.headcount.domain.Admission;
import io.headcount.domain.Decision;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.JoinRequest;
import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.Outcome;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Cost of one join decision, on one core. Run with
 * {@code mvn -B -q -pl functions/domain test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * "-Dexec.args=-cp %classpath org.openjdk.jmh.Main AdmissionBench -f 1"} from the project root.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// A fixed, pre-touched heap: on this VM the first touch of each fresh heap page is a costly fault, which made
// allocating benchmarks swing 100x between iterations while G1 grew the young generation.
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Thread)
public class AdmissionBench {

    private static final int SIBLINGS = 10;
    private static final String KEY = "customer-maintenance";

    private JoinRequest admit;
    private JoinRequest openOverflow;
    private JoinRequest redirect;
    private String groupId;

    @Setup
    public void setUp() {
        Member member = new Member("li-lei", "李雷", KEY, List.of("p-east"), MemberStatus.ACTIVE,
                Map.of("feishu", "ou_1"), 2);
        Policy policy = Policy.DEFAULT;

        Group roomy = group("east-cm", null, 15, 9, OverflowMode.OPEN_OVERFLOW);
        admit = new JoinRequest(roomy, member, false, policy, List.of());

        // a full root and ten full overflow groups: the whole pool is full, so a new group is opened
        Group fullRoot = group("east-cm", null, 15, 15, OverflowMode.OPEN_OVERFLOW);
        List<Group> fullPool = new ArrayList<>(List.of(fullRoot));
        for (int i = 2; i < 2 + SIBLINGS; i++) {
            fullPool.add(group("east-cm-" + i, "east-cm", 15, 15, OverflowMode.OPEN_OVERFLOW));
        }
        openOverflow = new JoinRequest(fullRoot, member, false, policy, fullPool);

        // a full root and ten siblings with between 0 and 9 free seats: the emptiest is chosen
        Group fullRedirect = group("east-cm", null, 15, 15, OverflowMode.REDIRECT);
        List<Group> redirectPool = new ArrayList<>(List.of(fullRedirect));
        for (int i = 2; i < 2 + SIBLINGS; i++) {
            redirectPool.add(group("east-cm-" + i, "east-cm", 15, 6 + (i * 7) % SIBLINGS, OverflowMode.REDIRECT));
        }
        redirect = new JoinRequest(fullRedirect, member, false, policy, redirectPool);

        groupId = roomy.groupId();
        check(Admission.decide(admit), Outcome.ADMITTED);
        check(Admission.decide(openOverflow), Outcome.OVERFLOW_OPENED);
        check(Admission.decide(redirect), Outcome.REDIRECTED);
    }

    private static Group group(String id, String overflowOf, int cap, int members, OverflowMode mode) {
        String name = overflowOf == null ? "华东客户维护群" : "华东客户维护群 " + id.substring(id.lastIndexOf('-') + 1);
        return new Group(id, name, GroupKind.FUNCTION, KEY, cap, 5, List.of("boss"), members, 0, GroupStatus.ACTIVE,
                overflowOf, mode, "欢迎 {name}", null);
    }

    /** A benchmark of the wrong path would measure nothing useful. */
    private static void check(Decision decision, Outcome expected) {
        if (decision.outcome() != expected) {
            throw new IllegalStateException("expected " + expected + " but got " + decision);
        }
    }

    /** The floor: building the smallest decision. */
    @Benchmark
    public Decision baseline() {
        return Decision.admitted(groupId);
    }

    @Benchmark
    public Decision admit() {
        return Admission.decide(admit);
    }

    @Benchmark
    public Decision openOverflow() {
        return Admission.decide(openOverflow);
    }

    @Benchmark
    public Decision redirect() {
        return Admission.decide(redirect);
    }
}
