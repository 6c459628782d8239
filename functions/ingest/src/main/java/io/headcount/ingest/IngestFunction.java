package io.headcount.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.Gateway;
import io.headcount.adapters.Json;
import io.headcount.adapters.Metrics;
import io.headcount.adapters.Reply;
import io.headcount.adapters.Request;
import io.headcount.adapters.RoutedFunction;
import io.headcount.domain.Access;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** ingest: chat messages and membership events in, once, from the API or a chat platform's webhook. */
@ApplicationScoped
public class IngestFunction extends RoutedFunction {
    public static final String NAME = "ingest";
    static final String EVENTS = "POST /orgs/{org}/events";
    /** A batch of 100 events of 4,000 characters each (mostly 3-byte CJK) plus their fields fits. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Connectors connectors;
    private final Ingestion ingestion;

    IngestFunction(Gateway gateway, Connectors connectors, Ingestion ingestion) {
        super(NAME, gateway);
        this.connectors = connectors;
        this.ingestion = ingestion;
        routes(Map.of(EVENTS, this::events));
    }

    @Funq(NAME)
    public APIGatewayV2HTTPResponse ingest(APIGatewayV2HTTPEvent event) {
        return handle(event);
    }

    private Reply events(Request request) {
        String org = request.id("org");
        if (!Access.mayIngest(request.caller(), org)) {
            throw ApiError.forbidden();
        }
        byte[] body = request.bytes(MAX_BODY_BYTES);
        Delivery delivery = Delivery.read(connectors.open(org, request, body, Json.tree(body)));
        if (delivery.challenge() != null) {
            return Reply.ok(Map.of("challenge", delivery.challenge()));
        }
        EventsAnswer answer = ingestion.take(org, delivery);
        Metrics.count("EventsAccepted", answer.accepted());
        Metrics.count("EventsDuplicate", answer.duplicates());
        Metrics.count("EventsRejected", answer.rejected().size());
        return Reply.ok(answer);
    }
}
