package io.headcount.summarize;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Stands in for the chat platforms' group robots: every webhook is pointed here (keeping its path and query), each
 * request is recorded, and each path answers what a test planned (by default 200 {"errcode":0}).
 */
public class FakeWebhooks implements QuarkusTestResourceLifecycleManager {

    /** One request as the robot received it. */
    public record Received(String path, String query, String body) {
    }

    /** One planned answer; {@code delayMillis} before answering. */
    public record Answer(int status, String body, long delayMillis) {
    }

    private static HttpServer server;
    private static final List<Received> RECEIVED = new ArrayList<>();
    private static final Map<String, Deque<Answer>> PLANS = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            synchronized (RECEIVED) {
                RECEIVED.add(new Received(path, exchange.getRequestURI().getRawQuery(), body));
            }
            Deque<Answer> plan = PLANS.get(path);
            Answer answer = plan == null || plan.isEmpty() ? new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}", 0)
                    : plan.size() == 1 ? plan.peek() : plan.poll();
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException gone) {
                // The client gave up waiting (a timeout test).
            }
        });
        server.start();
        return Map.of(
                "headcount.webhook.endpoint-override", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "headcount.webhook.timeout", "1S",
                "headcount.webhook.pause", "0.01S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers for a path, in order; the last one repeats. */
    public static void plan(String path, Answer... answers) {
        PLANS.put(path, new ArrayDeque<>(List.of(answers)));
    }

    public static List<Received> received(String path) {
        synchronized (RECEIVED) {
            return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    public static void reset() {
        synchronized (RECEIVED) {
            RECEIVED.clear();
        }
        PLANS.clear();
    }
}
