package io.headcount.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The HTTP listener of the local run: one catch-all Vert.x route that reads the body (at most 2 MB, as JSON
 * errors beyond), hands the request to {@link LocalApi} on a worker thread, since functions block on DynamoDB,
 * and writes the answer. Route matching is {@link LocalApi}'s, not Vert.x's.
 */
@ApplicationScoped
public class HttpFront {
    private static final Logger LOG = Logger.getLogger(HttpFront.class);
    /** The largest body the local run reads; API Gateway's own limit is 10 MB, every route of ours takes far less. */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final LocalApi api;

    @Inject
    HttpFront(LocalApi api) {
        this.api = api;
    }

    void register(@Observes Router router) {
        LOG.infof("serving %d routes of template.yaml: %s", api.bindings().size(),
                api.bindings().stream().map(b -> b.route().routeKey() + " -> " + b.function().name()).toList());
        router.route().handler(this::receive);
    }

    private void receive(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader("content-length");
        if (length != null && tooLong(length)) {
            tooLarge(ctx);
            return;
        }
        if (ctx.body().available()) { // a body handler of another extension read it already
            Buffer body = ctx.body().buffer();
            if (body != null && body.length() > MAX_BODY_BYTES) {
                tooLarge(ctx);
            } else {
                serve(ctx, body);
            }
            return;
        }
        if (request.isEnded()) { // nothing left to read: no body, or it arrived before this handler
            serve(ctx, null);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] rejected = {false};
        request.handler(chunk -> {
            if (rejected[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                rejected[0] = true;
                tooLarge(ctx);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> {
            if (!rejected[0]) {
                rejected[0] = true;
                LOG.debugf("request body failed: %s", e.toString());
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    ctx.response().setStatusCode(400).end();
                }
            }
        });
        request.endHandler(done -> {
            if (!rejected[0]) {
                serve(ctx, body);
            }
        });
        request.resume();
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects malformed framing itself
        }
    }

    private void serve(RoutingContext ctx, Buffer body) {
        HttpServerRequest request = ctx.request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        String sourceIp = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        LocalRequest local = new LocalRequest(request.method().name(), request.path(), request.query(), headers,
                body == null ? null : body.getBytes(), sourceIp);
        ctx.vertx().executeBlocking(() -> api.dispatch(local), false).onComplete(result -> {
            if (result.succeeded()) {
                write(ctx.response(), result.result());
            } else {
                LOG.error("local API failed", result.cause());
                write(ctx.response(), GatewayEvents.error(500, "INTERNAL", "unexpected error", null));
            }
        });
    }

    private static void tooLarge(RoutingContext ctx) {
        LocalResponse answer = GatewayEvents.error(413, "PAYLOAD_TOO_LARGE",
                "the body is larger than " + MAX_BODY_BYTES + " bytes (2 MB)", null);
        answer.headers().put("Connection", List.of("close"));
        HttpServerResponse response = ctx.response();
        // Stop reading what is left of the body: the connection closes once the answer is out.
        ctx.request().pause();
        response.endHandler(v -> ctx.request().connection().close());
        write(response, answer);
    }

    private static void write(HttpServerResponse response, LocalResponse answer) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach((name, values) -> response.headers().add(name, values));
        response.end(Buffer.buffer(answer.body()));
    }
}
