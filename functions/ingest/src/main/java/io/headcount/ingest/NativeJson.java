package io.headcount.ingest;

import io.headcount.domain.ChatEventSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * ingest's JSON types, registered for reflection so Jackson may bind them in a native image too (the error body is
 * registered by the adapters; native platform payloads are read as trees, not bound). EventsAnswer.Rejection is
 * registered with its outer record. ChatEventSpec is listed here because functions/domain stays free of Quarkus.
 * infra/native-check derives the list from the code and checks the native build registers every one.
 */
@RegisterForReflection(targets = {ChatEventSpec.class, EventsAnswer.class})
final class NativeJson {
    private NativeJson() {
    }
}
