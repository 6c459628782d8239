package io.headcount.summarize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * summarize's JSON types, registered for reflection so Jackson may bind them in a native image too (the error body
 * and the API Gateway event are registered by the adapters): the digest, answered and stored as JSON text and read
 * back, the org's attention list, and the scheduled run's report, which Funqy writes. Nested records (the digest's
 * questions, items, tasks...) are registered with their outer one. infra/native-check derives the list from the
 * code and checks the native build registers every one.
 */
@RegisterForReflection(targets = {DigestView.class, Attention.class, ScheduleReport.class})
final class NativeJson {
    private NativeJson() {
    }
}
