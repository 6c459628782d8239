package io.headcount.localkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP forwarding proxy in front of the store, so tests can make it throttle or vanish
 * mid-request while the real SDK talks real HTTP (no SDK mocking).
 */
public final class FaultProxy implements AutoCloseable {

    public enum Fault {
        /** HTTP 400 with DynamoDB's ThrottlingException body, as the SDK sees it from AWS. */
        THROTTLE,
        /** The connection is closed without any response; the request never reaches the store. */
        DROP
    }

    private static final byte[] THROTTLE_BODY = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
            + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}").getBytes(StandardCharsets.UTF_8);

    // Hop-by-hop headers belong to one connection, not the message. Host, Content-Length and
    // Date are set by each side's HTTP stack (java.net.http refuses to take them from us).
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "trailers", "transfer-encoding", "upgrade", "host", "content-length", "expect", "date");

    /** Every request numbered above {@code failAfterRequest} (counting from 1) gets {@code fault}. */
    private record Plan(int failAfterRequest, Fault fault) {
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient upstream;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> actions = ConcurrentHashMap.newKeySet();
    private volatile boolean noting;
    private volatile Plan plan;

    private FaultProxy(URI target, HttpServer server, ExecutorService workers) {
        this.target = target;
        this.server = server;
        this.workers = workers;
        this.upstream = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(workers)
                .build();
    }

    public static FaultProxy start(URI target) {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK, costing tens of milliseconds per request. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            // A deep backlog so hundreds of clients connecting at once are queued, not refused.
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the fault proxy", e);
        }
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        FaultProxy proxy = new FaultProxy(target, server, workers);
        server.createContext("/", proxy::handle);
        server.setExecutor(workers);
        server.start();
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many requests the proxy has received, faulted ones included. */
    public int requests() {
        return requests.get();
    }

    /**
     * From now on, notes the IAM action of each request ({@link DynamoDbActions}). Off by default: naming a
     * transaction's actions means reading its body, which only a check of the policies needs.
     */
    public FaultProxy noteActions() {
        noting = true;
        return this;
    }

    /** The IAM actions the requests needed since {@link #noteActions()}: what a policy must allow for them. */
    public Set<String> actions() {
        if (!noting) {
            throw new IllegalStateException("call noteActions() first: this proxy notes no actions");
        }
        return Set.copyOf(actions);
    }

    /** Lets the next {@code passing} requests through, then answers every later one with {@code fault} until {@link #heal()}. */
    public void failAfter(int passing, Fault fault) {
        if (passing < 0 || fault == null) {
            throw new IllegalArgumentException("passing must be >= 0 and fault non-null");
        }
        plan = new Plan(requests.get() + passing, fault);
    }

    public void heal() {
        plan = null;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int number = requests.incrementAndGet();
            String operation = noting ? exchange.getRequestHeaders().getFirst("X-Amz-Target") : null;
            if (operation != null) {
                actions.addAll(DynamoDbActions.of(operation, body));
            }
            Plan current = plan;
            if (current != null && number > current.failAfterRequest()) {
                answerWith(current.fault(), exchange);
                return;
            }
            forward(exchange, body);
        }
    }

    private static void answerWith(Fault fault, HttpExchange exchange) throws IOException {
        switch (fault) {
            case THROTTLE -> {
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(400, THROTTLE_BODY.length);
                exchange.getResponseBody().write(THROTTLE_BODY);
            }
            // Closing an exchange before any response headers closes the connection itself.
            case DROP -> exchange.close();
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI requested = exchange.getRequestURI();
        String pathAndQuery = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(target.toString()) + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }

        HttpResponse<byte[]> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        } catch (IOException unreachable) {
            // The target itself is gone: the client sees a gateway error, as behind a real proxy.
            exchange.sendResponseHeaders(502, -1);
            return;
        }

        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] responseBody = response.body();
        boolean noBody = responseBody.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : responseBody.length);
        if (!noBody) {
            exchange.getResponseBody().write(responseBody);
        }
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
