package io.headcount.packagecheck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (2018-06-01) for one function process, as a test needs it: events are queued and handed
 * out on {@code /invocation/next}, and each invocation's response or error is collected. Also records when the
 * runtime first asked for work (its init was done) and when the first answer came, for the cold-start bench.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/" + JavaRuntime.API_VERSION + "/runtime/";
    private static final Pattern ANSWER = Pattern.compile("invocation/([^/]+)/(response|error)");
    private static final Duration DEADLINE = Duration.ofSeconds(900);

    /** What one invocation came back with; {@code errorType} is null for a response. */
    record Answer(String requestId, byte[] body, String errorType, long answeredAtNanos) {
        boolean isError() {
            return errorType != null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Queued(String requestId, byte[] event) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile long firstNextAtNanos;

    RuntimeApiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Runtime API test server", e);
        }
        // A thread per connection: /next blocks until an event is queued.
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PREFIX, this::serve);
        server.start();
    }

    /** host:port, as Lambda puts it in AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the answer completes when the runtime posts it (or the runtime's init fails). */
    CompletableFuture<Answer> submit(String event) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        if (initError.isDone()) {
            // The runtime is gone: nothing will take this event.
            pending.remove(requestId);
            answer.completeExceptionally(new IllegalStateException("init error: " + initError.join()));
            return answer;
        }
        queue.add(new Queued(requestId, event.getBytes(StandardCharsets.UTF_8)));
        return answer;
    }

    /** System.nanoTime() of the runtime's first {@code /next}, or 0 if it has not asked yet. */
    long firstNextAtNanos() {
        return firstNextAtNanos;
    }

    /** The body the runtime posted to {@code /init/error}, if it did. */
    CompletableFuture<String> initError() {
        return initError;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = readAll(exchange.getRequestBody());
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            Matcher answer = ANSWER.matcher(path);
            if (method.equals("POST") && answer.matches()) {
                CompletableFuture<Answer> waiting = pending.remove(answer.group(1));
                if (waiting == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                String errorType = answer.group(2).equals("error")
                        ? String.valueOf(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                        : null;
                waiting.complete(new Answer(answer.group(1), body, errorType, System.nanoTime()));
                send(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            if (method.equals("POST") && path.equals("init/error")) {
                String error = new String(body, StandardCharsets.UTF_8);
                initError.complete(error);
                pending.values().forEach(p -> p.completeExceptionally(new IllegalStateException("init error: " + error)));
                send(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            send(exchange, 404, "{\"errorMessage\":\"not a Runtime API path\",\"errorType\":\"NotFound\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        if (firstNextAtNanos == 0) {
            firstNextAtNanos = System.nanoTime();
        }
        Queued event;
        try {
            event = queue.take();
        } catch (InterruptedException e) {
            // The server is closing; the runtime's connection drops and it exits.
            Thread.currentThread().interrupt();
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", event.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + DEADLINE.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:package-check");
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, event.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(event.event());
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
