package io.headcount.tourcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, as a new user runs it: {@code infra/local/run} in one process, {@code
 * infra/local/demo/tour} against it, twice. The tour must finish well inside its five minutes, print every part
 * of it, and the second run must change nothing.
 */
class TourTest {
    private static final Path ROOT = Path.of(System.getProperty("headcount.root", "../../..")).toAbsolutePath()
            .normalize();
    private static final Pattern READY = Pattern.compile("READY (http://127\\.0\\.0\\.1:(\\d+))");
    private static final Pattern MESSAGES = Pattern.compile(
            "(\\d+) messages in (\\d+) groups: (\\d+) kept, (\\d+) duplicates, (\\d+) refused");
    private static final Pattern JOIN = Pattern.compile("(?m)^  new\\.\\d\\d .* → (\\w+)\\s+(\\S+)");
    private static final Pattern PLAN = Pattern.compile("plan (\\S+): (\\d+) operations .*, (\\d+) moves");

    private static Process run;
    private static int port;
    private static Path runLog;

    @BeforeAll
    static void startTheLocalRun() throws Exception {
        // The reactor has just packaged the server and built localkit: mark both current, so that the scripts do
        // not build them again (they rebuild when a source is newer, and Quarkus may keep an unchanged jar's time).
        touch(ROOT.resolve("infra/local/server/target/quarkus-app/quarkus-run.jar"));
        touch(ROOT.resolve("functions/localkit/target/classpath.txt"));
        runLog = Files.createTempFile("headcount-local-run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("infra/local/run").toString())
                .redirectError(runLog.toFile());
        builder.environment().put("PORT", String.valueOf(freePort()));
        builder.environment().remove("HEADCOUNT_MOTO_SCRIPT"); // the local run's own emulator, as a user gets it
        run = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> readyLine(out)).get(4, TimeUnit.MINUTES);
        Matcher m = READY.matcher(ready);
        assertTrue(m.find(), "no READY line; the run's log: " + runLog);
        port = Integer.parseInt(m.group(2));
        // The function log lines follow on stdout: keep reading so that the run never blocks on a full pipe.
        Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "local-run-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopTheLocalRun() throws Exception {
        if (run == null) {
            return;
        }
        run.destroy(); // SIGTERM, as Ctrl-C: the script stops the server and the emulator
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the local run did not stop on SIGTERM");
        assertFalse(listening(port), "the server still listens on " + port);
        Files.deleteIfExists(runLog);
    }

    @Test
    void theTourShowsEveryPartAndRunningItAgainChangesNothing() throws Exception {
        long started = System.nanoTime();
        String first = tour();
        long firstSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        for (String part : List.of("1. New hires join", "2. A week of messages", "3. The digest of",
                "4. The org roll-up of the week", "5. The week's leaderboard", "6. A regroup plan")) {
            assertTrue(first.contains(part), "missing \"" + part + "\":\n" + first);
        }
        assertTrue(first.contains("roster import: 8 upserted, 0 unchanged"), first);
        List<String> joins = JOIN.matcher(first).results().map(r -> r.group(1) + " " + r.group(2)).toList();
        assertEquals(8, joins.size(), first);
        // cm-1 is full with a waitlist and cm-2 fills up: the tour shows waitlisting, admission and a full pool.
        assertTrue(joins.contains("WAITLISTED cm-1") && joins.contains("ADMITTED cm-2")
                && joins.contains("DENIED cm-2"), joins.toString());

        Matcher messages = MESSAGES.matcher(first);
        assertTrue(messages.find(), first);
        int sent = Integer.parseInt(messages.group(1));
        assertTrue(sent > 1_000, "a week of a few thousand messages: " + sent);
        assertEquals(List.of(sent, 0, 0), List.of(Integer.parseInt(messages.group(3)),
                Integer.parseInt(messages.group(4)), Integer.parseInt(messages.group(5))), messages.group());

        String digest = part(first, "3. The digest of", "4. The org roll-up");
        assertTrue(digest.contains("【群日报】") && digest.contains("参与率") && digest.contains("首次响应中位"), digest);
        String rollUp = part(first, "4. The org roll-up", "5. The week's leaderboard");
        assertTrue(rollUp.lines().filter(l -> l.matches("  [a-z0-9-]+ +\\d+ +\\d+/\\d+ .*")).count() >= 10, rollUp);
        assertTrue(rollUp.contains("OVER_CAP"), "as-service is seeded over its cap:\n" + rollUp);
        String board = part(first, "5. The week's leaderboard", "6. A regroup plan");
        assertEquals(10, board.lines().filter(l -> l.matches(" +\\d+\\. \\S+ +\\d+ .*")).count(), board);
        assertTrue(board.contains("【本周贡献】"), board);
        Matcher plan = PLAN.matcher(first);
        assertTrue(plan.find(), first);
        assertTrue(Integer.parseInt(plan.group(2)) > 0 && first.contains("reason=SPLIT"),
                "as-service is over its cap, so the plan splits it:\n" + plan.group());

        String second = tour();
        assertTrue(second.contains("roster import: 0 upserted, 8 unchanged"), second);
        assertEquals(joins, JOIN.matcher(second).results().map(r -> r.group(1) + " " + r.group(2)).toList(),
                "a join repeated within 15 minutes gets its first answer");
        assertTrue(second.contains(sent + " messages in " + messages.group(2) + " groups: 0 kept, " + sent
                + " duplicates, 0 refused"), second);
        assertEquals(digest, part(second, "3. The digest of", "4. The org roll-up"), "the digest is the same");
        assertEquals(board, part(second, "5. The week's leaderboard", "6. A regroup plan"));
        System.out.printf("tour: %d messages, first run %d s, both runs %d s%n", sent, firstSeconds,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        assertTrue(firstSeconds < 300, "the five-minute tour took " + firstSeconds + " s");
    }

    private static String tour() throws Exception {
        Path output = Files.createTempFile("headcount-tour-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("infra/local/demo/tour").toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("PORT", String.valueOf(port));
            Process tour = builder.start();
            boolean ended = tour.waitFor(10, TimeUnit.MINUTES);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (!ended) {
                tour.destroyForcibly();
            }
            assertTrue(ended, "the tour did not end within 10 minutes:\n" + printed);
            assertEquals(0, tour.exitValue(), printed);
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String part(String printed, String from, String to) {
        int start = printed.indexOf(from);
        int end = printed.indexOf(to, start);
        assertTrue(start >= 0 && end > start, "no part between \"" + from + "\" and \"" + to + "\"");
        return printed.substring(start, end);
    }

    private static String readyLine(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return line;
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void touch(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
