package io.headcount.localkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * A DynamoDB-compatible moto server for tests and the local run.
 *
 * <p>moto is started single-threaded on purpose: its backend has no lock, so only one
 * request at a time makes every request atomic, as on DynamoDB. If {@code DYNAMODB_ENDPOINT}
 * is set, no process is started and that endpoint is used as it is.
 * {@code HEADCOUNT_MOTO_SCRIPT} names another server script (see {@link #start(Path)}).
 */
public final class Emulator implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static boolean installAttempted;

    private final URI endpoint;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private Emulator(URI endpoint, Process process, Path log) {
        this.endpoint = endpoint;
        this.process = process;
        this.log = log;
        if (process == null) {
            this.shutdownHook = null;
        } else {
            // An aborted test run must not leave moto behind holding a port.
            this.shutdownHook = new Thread(() -> {
                stop();
                deleteLog();
            }, "moto-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    public static Emulator start() {
        String external = System.getenv("DYNAMODB_ENDPOINT");
        if (external != null && !external.isBlank()) {
            return new Emulator(URI.create(external.strip()), null, null);
        }
        String script = System.getenv("HEADCOUNT_MOTO_SCRIPT");
        return start(script == null || script.isBlank() ? null : Path.of(script.strip()));
    }

    /**
     * Starts moto as the tests run it ({@code script} null), or a Python server script taking the port as its argument
     * (benchmarks use {@code infra/bench/moto-indexed}, the local run {@code infra/local/emulator}).
     */
    public static Emulator start(Path script) {
        // The free port is only free until moto binds it, and a fresh machine may lack moto:
        // when moto dies early, install it if it cannot be imported, then try again on a new port.
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(freePort(), script);
            } catch (ExitedEarly e) {
                if (!motoImportableOrInstalled()) {
                    throw new IllegalStateException("python3 cannot import moto's server, and `python3 -m pip install"
                            + " --user \"moto[server]\"` did not fix that; " + e.getMessage(), e);
                }
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The moto process id, or -1 when the emulator is external. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Clears every table and item; a no-op for an external endpoint, which we must not wipe. */
    public void reset() {
        if (process == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    /** A client for this emulator: dummy credentials, since moto does not check signatures. */
    public DynamoDbClient client() {
        return clientBuilder(endpoint).build();
    }

    /** The client settings we use off-Lambda, for any endpoint (e.g. a {@link FaultProxy}). */
    public static DynamoDbClientBuilder clientBuilder(URI endpoint) {
        return DynamoDbClient.builder()
                .region(Region.of(LocalDefaults.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
        deleteLog();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The log is kept only while moto runs, or when it failed to start. */
    private void deleteLog() {
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a stray log in the temp dir is harmless
        }
    }

    private static Emulator launch(int port, Path script) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("headcount-moto-" + port + "-", ".log");
            process = new ProcessBuilder(command(port, script))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto (is python3 on PATH?)", e);
        }
        Emulator emulator = new Emulator(URI.create("http://127.0.0.1:" + port), process, log);
        try {
            emulator.awaitReady();
            return emulator;
        } catch (RuntimeException e) {
            emulator.stop();
            Runtime.getRuntime().removeShutdownHook(emulator.shutdownHook);
            throw e; // the log stays for whoever reads the message
        }
    }

    private void awaitReady() {
        HttpClient http = http();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExitedEarly("moto exited with " + process.exitValue() + "; log " + log + ":\n" + logTail());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return; // any status means it is serving
            } catch (IOException notYet) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
        }
        throw new IllegalStateException("moto did not answer within " + START_TIMEOUT.toSeconds() + " s; log " + log + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static List<String> command(int port, Path script) {
        if (script != null) {
            return List.of("python3", script.toString(), String.valueOf(port));
        }
        return List.of("python3", "-c", serverScript(port));
    }

    // One request at a time, and a listen backlog of 1024 instead of werkzeug's 128: hundreds of
    // clients connecting at once then wait in the queue instead of timing out on dropped SYNs.
    private static String serverScript(int port) {
        return "import werkzeug.serving; werkzeug.serving.BaseWSGIServer.request_queue_size = 1024; "
                + "from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app; "
                + "from werkzeug.serving import run_simple; "
                + "run_simple(\"127.0.0.1\", " + port + ", DomainDispatcherApplication(create_backend_app), threaded=False)";
    }

    /**
     * Whether python3 can import moto's server, installing it for the user if not. The install
     * is tried once per JVM: only a user's fresh machine lacks moto, and PyPI may be unreachable.
     */
    private static synchronized boolean motoImportableOrInstalled() {
        String check = "import werkzeug; from moto.moto_server.werkzeug_app import create_backend_app";
        if (runQuietly("python3", "-c", check)) {
            return true;
        }
        if (installAttempted) {
            return false;
        }
        installAttempted = true;
        runQuietly("python3", "-m", "pip", "install", "--user", "moto[server]");
        return runQuietly("python3", "-c", check);
    }

    private static boolean runQuietly(String... command) {
        try {
            Path out = Files.createTempFile("headcount-python-", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                return p.waitFor() == 0;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static HttpClient http() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static final class ExitedEarly extends IllegalStateException {
        ExitedEarly(String message) {
            super(message);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
