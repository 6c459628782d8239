package io.headcount.adapters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.domain.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON types every function shares, registered for reflection: Jackson reads and writes them by reflection, which a
 * native image allows only for registered classes. ErrorBody carries the domain's Violation (functions/domain stays
 * free of Quarkus, so it is registered here). The API Gateway event and response are here for the scheduled
 * functions: their {@code @Funq} takes a Map and returns an Object, so Funqy, which registers the types of a
 * {@code @Funq} signature, never sees the event that {@link Invocation} converts the Map into, nor the response.
 * Nested classes (the event's request context, authorizer, ...) are registered with their outer class.
 * infra/native-check derives each function's JSON types from its code and checks its native build registers them.
 */
@RegisterForReflection(targets = {ErrorBody.class, Violation.class, APIGatewayV2HTTPEvent.class,
        APIGatewayV2HTTPResponse.class})
final class NativeJson {
    private NativeJson() {
    }
}
