package io.headcount.packagecheck;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One function.zip run as Lambda runs it: unzipped as into /var/task, started as a child JVM with {@link JavaRuntime}
 * on the classpath before the function's classes and lib/*, the environment Lambda and template.yaml give it, and
 * a {@link RuntimeApiServer} of its own. Stopped by its process id; should this JVM die without stopping it, the child
 * exits by itself the next time it asks for work, since {@link JavaRuntime} exits when the Runtime API is gone.
 */
final class PackagedFunction implements AutoCloseable {

    /** The memory template.yaml gives every function (Globals MemorySize). */
    static final int MEMORY_MB = 1024;

    /**
     * The options AWS's java17/java21 managed runtime starts the JVM with (tiered compilation stopped at C1 and the
     * serial collector by default, as AWS documents; the JDK's class-data sharing archive; IPv4), in a machine the
     * size of the function ({@link #memoryOptions()}).
     */
    static List<String> lambdaJvmOptions() {
        List<String> options = new ArrayList<>(memoryOptions());
        options.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true", "-XX:+ErrorFileToStderr"));
        return List.copyOf(options);
    }

    /**
     * The JVM sizes itself from the memory it sees, in Lambda the function's MemorySize: MaxRAM makes this machine's
     * 24-odd GB look like that (initial heap and young generation as in Lambda), and the heap limit is our
     * approximation of the share AWS gives the heap, which AWS does not document.
     */
    static List<String> memoryOptions() {
        return List.of("-XX:MaxRAM=" + MEMORY_MB + "m", "-XX:MaxHeapSize=" + MEMORY_MB * 85 / 100 + "m");
    }

    private final String name;
    private final Process process;
    private final RuntimeApiServer api;
    private final Path log;
    private final long startedAtNanos;
    private final CompletableFuture<RuntimeApiServer.Answer> firstAnswer;

    private PackagedFunction(String name, Process process, RuntimeApiServer api, Path log, long startedAtNanos,
            CompletableFuture<RuntimeApiServer.Answer> firstAnswer) {
        this.name = name;
        this.process = process;
        this.api = api;
        this.log = log;
        this.startedAtNanos = startedAtNanos;
        this.firstAnswer = firstAnswer;
    }

    /**
     * Starts the function in {@code taskRoot} (an unzipped function.zip). {@code firstEvent}, if given, is queued
     * before the process starts, so the first /next gets it at once, as on a cold Lambda invocation.
     */
    static PackagedFunction start(String name, Path taskRoot, String handler, Map<String, String> environment,
            List<String> jvmOptions, Path log, String firstEvent) {
        RuntimeApiServer api = new RuntimeApiServer();
        CompletableFuture<RuntimeApiServer.Answer> firstAnswer = firstEvent == null ? null : api.submit(firstEvent);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(runtimeClasses() + File.pathSeparator + taskRoot + File.pathSeparator
                + taskRoot.resolve("lib") + File.separator + "*");
        command.add(JavaRuntime.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Only what Lambda would set: nothing of this JVM's environment (a DYNAMODB_ENDPOINT, say) leaks in.
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(lambdaEnvironment(name, taskRoot, handler, api.address()));
        env.putAll(environment);
        long started = System.nanoTime();
        try {
            return new PackagedFunction(name, builder.start(), api, log, started, firstAnswer);
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The reserved variables Lambda sets in every Java function's environment. */
    private static Map<String, String> lambdaEnvironment(String name, Path taskRoot, String handler, String api) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_RUNTIME_API", api);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(MEMORY_MB));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "package-check");
        // The execution role's credentials; the emulator checks no signature.
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        return env;
    }

    /** Where JavaRuntime was compiled to: this module's target/classes. */
    static Path runtimeClasses() {
        try {
            return Path.of(JavaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unzips a function.zip into {@code into}, as Lambda unpacks it into /var/task. */
    static Path unzip(Path zip, Path into) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            Path root = into.toAbsolutePath().normalize();
            Files.createDirectories(root);
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry outside the archive root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unzip " + zip, e);
        }
    }

    String name() {
        return name;
    }

    RuntimeApiServer api() {
        return api;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long startedAtNanos() {
        return startedAtNanos;
    }

    /**
     * Invokes the function with {@code event} and waits for its answer; fails at once if the process exits or its
     * init fails, instead of waiting out the timeout.
     */
    RuntimeApiServer.Answer invoke(String event, Duration timeout) {
        return await(api.submit(event), timeout);
    }

    /** The answer to the event given to {@link #start}. */
    RuntimeApiServer.Answer firstAnswer(Duration timeout) {
        if (firstAnswer == null) {
            throw new IllegalStateException(name + " was started without a first event");
        }
        return await(firstAnswer, timeout);
    }

    private RuntimeApiServer.Answer await(CompletableFuture<RuntimeApiServer.Answer> answer, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return answer.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (!process.isAlive() && !answer.isDone()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + " before answering");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(name + " gave no answer within " + timeout.toSeconds() + " s");
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new AssertionError(name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        }
    }

    /** Waits for the process to exit (after an init error, say); its exit status, or null if it did not. */
    Integer awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    /** Everything the function wrote to stdout and stderr so far (its CloudWatch log on Lambda). */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Peak resident set size (VmHWM) so far, in kB, from /proc; -1 where there is no /proc. */
    long peakRssKb() {
        return procStatus("VmHWM:");
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc (not Linux) or the process is gone
        }
        return -1;
    }

    /**
     * TCP ports this process listens on: its socket inodes (/proc/pid/fd) matched against the kernel's tables of
     * listening sockets (/proc/net/tcp and tcp6, state 0A). Null where /proc cannot tell.
     */
    Set<Integer> listeningPorts() {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we listed them
                }
            }
        } catch (IOException e) {
            return null;
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (InputStream in = Files.newInputStream(Path.of(table))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (field 9)
                    if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                        ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return ports;
    }

    /** Stops the process by its id (TERM, then KILL after 5 s) and the Runtime API server. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            api.close();
        }
    }
}
