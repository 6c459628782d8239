package io.headcount.adapters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * A function behind API Gateway. {@link #name()} is its Funqy export name ({@code QUARKUS_FUNQY_EXPORT} in
 * template.yaml); the local run finds functions by it and calls {@link #handle}, the same code Lambda runs.
 */
public interface HttpFunction {
    String name();

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event);
}
