package io.headcount.local;

import io.headcount.localkit.DevKeys;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.Tokens;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.io.IOException;
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
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code infra/local/run}: starts the DynamoDB emulator, points the functions at it and at the dev keys, then runs
 * Quarkus; once the table exists, the demo org is seeded and the listener answers, prints
 * {@code READY http://127.0.0.1:<port>} on stdout. The emulator stops with the application, on Ctrl-C and SIGTERM too.
 */
@QuarkusMain
public class LocalServer implements QuarkusApplication {
    /** Optional: a file the moto pid is written to, so the run script can make sure it is gone afterwards. */
    static final String PID_FILE_PROPERTY = "headcount.emulator.pid-file";
    static final int DEFAULT_PORT = 8080;

    @Inject
    LocalStore store;
    @Inject
    DemoSeeder seeder;

    public static void main(String... args) {
        int port;
        try {
            port = port(System.getenv("PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println("local server: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path root;
        DevKeys keys;
        Emulator emulator;
        try {
            root = TemplateModel.projectRoot();
            keys = DevKeys.loadOrCreate(DevKeys.defaultDir());
            emulator = Emulator.start();
        } catch (RuntimeException e) {
            System.err.println("local server: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        int[] exit = {1};
        try {
            System.err.println("local server: DynamoDB emulator on " + emulator.endpoint()
                    + (emulator.pid() > 0 ? " (moto, pid " + emulator.pid() + ")" : " (DYNAMODB_ENDPOINT)")
                    + ", repository " + root);
            writePidFile(emulator);
            configure(emulator.endpoint(), keys.publicKeyFile(), port);
            Quarkus.run(LocalServer.class, (code, failure) -> {
                exit[0] = code;
                if (failure != null) {
                    report(failure, port);
                }
            }, args);
        } finally {
            emulator.close();
        }
        System.exit(exit[0]);
    }

    @Override
    public int run(String... args) throws Exception {
        store.ensureTable();
        DemoSeeder.Outcome outcome = seeder.seed(Tokens.local(), DemoData.load(LocalPaths.demoDir()));
        System.err.println("local server: " + outcome.summary());
        int port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        awaitAnswer(port);
        System.out.println("READY http://127.0.0.1:" + port);
        System.out.flush();
        Quarkus.waitForExit();
        return 0;
    }

    /** Startup failed: say why in one line, with the stack trace only for the unexpected. */
    private static void report(Throwable failure, int port) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof java.net.BindException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof java.net.BindException) {
            System.err.println("local server: port " + port + " on 127.0.0.1 is in use; stop what holds it or run"
                    + " with another PORT, e.g. PORT=9090 infra/local/run");
        } else if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) {
            System.err.println("local server: cannot start: " + cause.getMessage());
        } else {
            System.err.println("local server: cannot start:");
            failure.printStackTrace();
        }
    }

    /** The settings that point the functions at the emulator and the dev keys; a -D given on the command line wins. */
    static void configure(URI dynamodb, Path publicKey, int port) {
        setDefault("quarkus.dynamodb.endpoint-override", dynamodb.toString());
        setDefault("quarkus.dynamodb.aws.region", LocalDefaults.REGION);
        setDefault("quarkus.dynamodb.aws.credentials.type", "static");
        setDefault("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test");
        setDefault("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test");
        setDefault("headcount.table", LocalDefaults.TABLE_NAME);
        setDefault("headcount.jwt.public-key-location", publicKey.toAbsolutePath().toString());
        setDefault("headcount.jwt.issuer", LocalDefaults.ISSUER);
        setDefault("headcount.jwt.audience", LocalDefaults.AUDIENCE);
        setDefault("quarkus.http.host", "127.0.0.1");
        setDefault("quarkus.http.port", Integer.toString(port));
    }

    /** {@code $PORT}, 8080 if unset; 0 picks a free port now, so that READY can name it. */
    static int port(String env) {
        if (env == null || env.isBlank()) {
            return DEFAULT_PORT;
        }
        int port;
        try {
            port = Integer.parseInt(env.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, not '" + env + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be within 0-65535, not " + port);
        }
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalArgumentException("no free port on 127.0.0.1: " + e.getMessage());
            }
        }
        return port;
    }

    private static void setDefault(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static void writePidFile(Emulator emulator) {
        String file = System.getProperty(PID_FILE_PROPERTY);
        if (file == null || file.isBlank() || emulator.pid() <= 0) {
            return;
        }
        try {
            Files.writeString(Path.of(file), emulator.pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            System.err.println("local server: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Waits until the own listener answers an HTTP request (any status will do). */
    private static void awaitAnswer(int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("http://127.0.0.1:" + port + "/ does not answer", notYet);
                }
                Thread.sleep(100);
            }
        }
    }
}
