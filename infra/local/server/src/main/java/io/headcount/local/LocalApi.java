package io.headcount.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.adapters.HttpFunction;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import io.headcount.localkit.TemplateModel.RouteSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The local stand-in for API Gateway: every HttpApi route of template.yaml, bound to the function bean whose
 * {@link HttpFunction#name()} is that function's {@code QUARKUS_FUNQY_EXPORT}. Requests are matched against the
 * route templates, turned into the API Gateway v2 event the function gets in AWS, and answered with its response.
 */
@ApplicationScoped
public class LocalApi {
    private static final Logger LOG = Logger.getLogger(LocalApi.class);
    static final String EXPORT_VARIABLE = "QUARKUS_FUNQY_EXPORT";

    /** One route of the template and the function serving it. */
    public record Binding(RouteTemplate route, String functionLogicalId, HttpFunction function) {
    }

    private final List<Binding> bindings;

    @Inject
    LocalApi(@Any Instance<HttpFunction> functions) {
        this.bindings = bind(TemplateModel.load(LocalPaths.template()).functions(), functions.stream().toList());
    }

    /** Every route of the template with its function, in template order. */
    public List<Binding> bindings() {
        return bindings;
    }

    /**
     * Binds each route to its function bean; fails with every problem listed when a routed function has no
     * export name, no bean answers to that name, two beans share one, or two routes share a route key.
     */
    static List<Binding> bind(List<FunctionSpec> specs, List<HttpFunction> beans) {
        List<String> problems = new ArrayList<>();
        Map<String, HttpFunction> byName = new TreeMap<>();
        for (HttpFunction bean : beans) {
            HttpFunction previous = byName.putIfAbsent(bean.name(), bean);
            if (previous != null) {
                problems.add("two HttpFunction beans are named '" + bean.name() + "'");
            }
        }
        List<Binding> bound = new ArrayList<>();
        Map<String, String> seenKeys = new LinkedHashMap<>();
        for (FunctionSpec spec : specs) {
            if (spec.routes().isEmpty()) {
                continue;
            }
            String export = spec.environment().get(EXPORT_VARIABLE);
            String routes = spec.routes().stream().map(r -> r.method() + " " + r.path()).collect(Collectors.joining(", "));
            if (export == null || export.isBlank()) {
                problems.add("template.yaml function " + spec.logicalId() + " serves " + routes + " but sets no "
                        + EXPORT_VARIABLE + " (a literal) in its Environment");
                continue;
            }
            HttpFunction bean = byName.get(export);
            if (bean == null) {
                problems.add("template.yaml function " + spec.logicalId() + " (" + EXPORT_VARIABLE + "=" + export
                        + ") serves " + routes + ", but no HttpFunction bean named '" + export
                        + "' is on the local server's classpath (found: " + String.join(", ", byName.keySet())
                        + "); add its module to infra/local/server/pom.xml (excluding quarkus-funqy-amazon-lambda)"
                        + " and a quarkus.index-dependency entry to the server's application.properties");
                continue;
            }
            for (RouteSpec r : spec.routes()) {
                RouteTemplate route;
                try {
                    route = RouteTemplate.of(r.method(), r.path());
                } catch (IllegalArgumentException e) {
                    problems.add("template.yaml function " + spec.logicalId() + ": " + e.getMessage());
                    continue;
                }
                String other = seenKeys.putIfAbsent(route.routeKey(), spec.logicalId());
                if (other != null) {
                    problems.add("route " + route.routeKey() + " is declared by both " + other + " and " + spec.logicalId());
                    continue;
                }
                bound.add(new Binding(route, spec.logicalId(), bean));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the local server cannot serve template.yaml:\n  - "
                    + String.join("\n  - ", problems));
        }
        return List.copyOf(bound);
    }

    /** Answers one request as API Gateway and the function behind it would. */
    public LocalResponse dispatch(LocalRequest request) {
        String requestId = UUID.randomUUID().toString();
        List<String> segments = new ArrayList<>();
        try {
            for (String raw : RouteTemplate.split(request.rawPath())) {
                segments.add(GatewayEvents.decodePathSegment(raw));
            }
        } catch (IllegalArgumentException e) {
            return GatewayEvents.error(400, "MALFORMED_REQUEST", "the path is not valid percent-encoding", requestId);
        }
        Binding best = null;
        Map<String, String> params = Map.of();
        TreeSet<String> allowed = new TreeSet<>();
        for (Binding b : bindings) {
            Optional<Map<String, String>> match = b.route().match(segments);
            if (match.isEmpty()) {
                continue;
            }
            if (!b.route().acceptsMethod(request.method())) {
                allowed.add(b.route().method());
                continue;
            }
            if (best == null || b.route().compareSpecificity(best.route()) < 0) {
                best = b;
                params = match.get();
            }
        }
        if (best == null) {
            if (allowed.isEmpty()) {
                return GatewayEvents.error(404, "NOT_FOUND", "no such route", requestId);
            }
            LocalResponse notAllowed = GatewayEvents.error(405, "METHOD_NOT_ALLOWED",
                    "no such route for " + request.method() + "; this path takes " + String.join(", ", allowed),
                    requestId);
            notAllowed.headers().put("Allow", List.of(String.join(", ", allowed)));
            return notAllowed;
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = best.function().handle(GatewayEvents.event(request, best.route(), params, requestId, Instant.now()));
        } catch (RuntimeException | LinkageError e) {
            LOG.errorf(e, "function %s failed on %s", best.function().name(), best.route().routeKey());
            return GatewayEvents.error(500, "INTERNAL", "unexpected error", requestId);
        }
        if (response == null) {
            LOG.errorf("function %s returned no response on %s", best.function().name(), best.route().routeKey());
            return GatewayEvents.error(502, "BAD_GATEWAY", "the function returned no response", requestId);
        }
        return GatewayEvents.response(response, requestId);
    }
}
