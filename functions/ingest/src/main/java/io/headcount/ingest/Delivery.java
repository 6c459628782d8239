package io.headcount.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Json;
import io.headcount.domain.ChatEventSpec;
import io.headcount.ingest.platform.DingTalkPayload;
import io.headcount.ingest.platform.FeishuPayload;
import io.headcount.ingest.platform.PlatformPayload;
import io.headcount.ingest.platform.SlackPayload;
import io.headcount.ingest.platform.WeComPayload;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * What one POST to the events route carried, decoded: a batch in Headcount's format ({@code {"events": [...]}})
 * or one native webhook payload of a chat platform. A batch event that cannot be read is refused alone.
 *
 * @param platform  {@code api} for a batch, else the platform whose payload it is
 * @param events    the events in order: their positions are the indexes of the answer
 * @param ignored   events the payload carried that Headcount has no use for (bot messages, other event types)
 * @param challenge the answer to a platform's handshake, when the payload is one
 */
record Delivery(String platform, List<Incoming> events, int ignored, String challenge) {

    public static final int MAX_EVENTS = 100;
    static final List<PlatformPayload> PLATFORMS = List.of(
            new SlackPayload(), new FeishuPayload(), new DingTalkPayload(), new WeComPayload());

    static Delivery read(JsonNode body) {
        if (body.isObject() && body.has("events")) {
            return batch(body);
        }
        for (PlatformPayload payload : PLATFORMS) {
            if (payload.recognises(body)) {
                return nativePayload(payload, body);
            }
        }
        throw new ApiError(ErrorCode.INVALID_INPUT, "the body is neither a batch {\"events\": [...]} nor a Slack, "
                + "Feishu, DingTalk or WeCom event payload");
    }

    private static Delivery batch(JsonNode body) {
        Iterator<String> fields = body.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("events")) {
                throw new ApiError(ErrorCode.INVALID_INPUT, "unknown field " + Json.fieldName(field));
            }
        }
        JsonNode events = body.get("events");
        if (!events.isArray()) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "'events' must be an array");
        }
        if (events.isEmpty()) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "'events' must not be empty");
        }
        if (events.size() > MAX_EVENTS) {
            throw new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "a batch has at most " + MAX_EVENTS + " events, this one "
                    + events.size() + "; nothing was kept");
        }
        List<Incoming> incoming = new ArrayList<>();
        for (JsonNode event : events) {
            incoming.add(one(event));
        }
        return new Delivery("api", incoming, 0, null);
    }

    private static Incoming one(JsonNode event) {
        if (!event.isObject()) {
            return Incoming.refused("an event must be a JSON object");
        }
        try {
            return Incoming.normalised(Json.convert(event, ChatEventSpec.class));
        } catch (ApiError e) {
            return Incoming.refused(e.getMessage());
        }
    }

    private static Delivery nativePayload(PlatformPayload payload, JsonNode body) {
        Optional<String> challenge = payload.challenge(body);
        if (challenge.isPresent()) {
            return new Delivery(payload.platform(), List.of(), 0, challenge.get());
        }
        try {
            List<Incoming> incoming = payload.events(body).stream().map(Incoming::fromPlatform).toList();
            return new Delivery(payload.platform(), incoming, incoming.isEmpty() ? 1 : 0, null);
        } catch (PlatformPayload.UnreadablePayload e) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "this " + payload.platform() + " payload cannot be read: "
                    + e.getMessage());
        }
    }
}
