package io.headcount.adapters;

/** One HTTP route of a function, keyed by its API Gateway route key such as {@code POST /orgs/{org}/events}. */
@FunctionalInterface
public interface Route {
    Reply handle(Request request);
}
