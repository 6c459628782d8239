package io.headcount.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API route of template.yaml, matched the way API Gateway matches it: a {@code {param}} segment takes one
 * whole path segment, a {@code {param+}} segment takes the rest of the path, {@code ANY} takes every method and the
 * {@code $default} route takes whatever no other route took. Literal segments are compared exactly, so contract
 * paths such as {@code /orgs/{org}/members:import} work (Vert.x's {@code :param} syntax would misread them).
 */
public final class RouteTemplate {
    public static final String ANY = "ANY";
    public static final String DEFAULT_PATH = "$default";

    private static final int LITERAL = 0;
    private static final int PARAM = 1;
    private static final int GREEDY = 2;

    private final String method;
    private final String path;
    private final List<String> segments;
    private final List<Integer> kinds;

    private RouteTemplate(String method, String path, List<String> segments, List<Integer> kinds) {
        this.method = method;
        this.path = path;
        this.segments = segments;
        this.kinds = kinds;
    }

    /** {@code method} as in template.yaml (any case, {@code ANY} for all); {@code path} starts with '/' or is $default. */
    public static RouteTemplate of(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        if (DEFAULT_PATH.equals(path)) {
            return new RouteTemplate(m, path, List.of(), List.of());
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        List<String> segments = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>();
        List<String> parts = split(path);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean greedy = name.endsWith("+");
                if (greedy) {
                    name = name.substring(0, name.length() - 1);
                    if (i != parts.size() - 1) {
                        throw new IllegalArgumentException("a greedy {" + name + "+} must be the last segment: " + path);
                    }
                }
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty path parameter in " + path);
                }
                segments.add(name);
                kinds.add(greedy ? GREEDY : PARAM);
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("a path parameter must be a whole segment: " + path);
            } else {
                segments.add(part);
                kinds.add(LITERAL);
            }
        }
        return new RouteTemplate(m, path, List.copyOf(segments), List.copyOf(kinds));
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The API Gateway route key, e.g. {@code POST /orgs/{org}/groups/{group}/join}, or {@code $default}. */
    public String routeKey() {
        return DEFAULT_PATH.equals(path) ? DEFAULT_PATH : method + " " + path;
    }

    public boolean acceptsMethod(String requestMethod) {
        return ANY.equals(method) || method.equalsIgnoreCase(requestMethod);
    }

    /**
     * The path parameters if {@code decodedSegments} (the request path split at '/', each segment URL-decoded)
     * fits this template, whatever the method.
     */
    public Optional<Map<String, String>> match(List<String> decodedSegments) {
        if (DEFAULT_PATH.equals(path)) {
            return Optional.of(Map.of());
        }
        Map<String, String> params = new LinkedHashMap<>();
        int n = segments.size();
        boolean greedy = n > 0 && kinds.get(n - 1) == GREEDY;
        if (greedy ? decodedSegments.size() < n : decodedSegments.size() != n) {
            return Optional.empty();
        }
        for (int i = 0; i < n; i++) {
            String actual = decodedSegments.get(i);
            switch (kinds.get(i)) {
                case LITERAL -> {
                    if (!segments.get(i).equals(actual)) {
                        return Optional.empty();
                    }
                }
                case PARAM -> {
                    if (actual.isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(segments.get(i), actual);
                }
                default -> {
                    String rest = String.join("/", decodedSegments.subList(i, decodedSegments.size()));
                    if (rest.isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(segments.get(i), rest);
                }
            }
        }
        return Optional.of(Collections.unmodifiableMap(params));
    }

    /**
     * Negative when this template is more specific than {@code other}, as API Gateway ranks them: literal segments
     * before parameters before greedy parameters, a named method before ANY, and $default last.
     */
    public int compareSpecificity(RouteTemplate other) {
        boolean thisDefault = DEFAULT_PATH.equals(path);
        boolean otherDefault = DEFAULT_PATH.equals(other.path);
        if (thisDefault != otherDefault) {
            return thisDefault ? 1 : -1;
        }
        int shared = Math.min(kinds.size(), other.kinds.size());
        for (int i = 0; i < shared; i++) {
            int c = Integer.compare(kinds.get(i), other.kinds.get(i));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(other.kinds.size(), kinds.size()); // longer (more segments) first
        if (c != 0) {
            return c;
        }
        return Boolean.compare(ANY.equals(method), ANY.equals(other.method));
    }

    /** A raw path split at '/' (the leading '/' dropped; a trailing '/' gives an empty last segment). */
    static List<String> split(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.isEmpty()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                parts.add(p.substring(from, i));
                from = i + 1;
            }
        }
        return parts;
    }

    @Override
    public String toString() {
        return routeKey();
    }
}
