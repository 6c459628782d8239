package io.headcount.ingest.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads one chat platform's native webhook payload, as the platform documents it, into {@link PlatformEvent}s.
 * Pure: no I/O, no clock. Signature checks happen before, in the function.
 */
public interface PlatformPayload {

    /** {@code slack}, {@code feishu}, {@code dingtalk} or {@code wecom}. */
    String platform();

    /** Whether this payload is in this platform's format (so the function can tell formats apart). */
    boolean recognises(JsonNode payload);

    /**
     * The events in the payload. Events Headcount has no use for (bot messages, unrelated event types) give an
     * empty list; a payload of this platform that is malformed throws {@link UnreadablePayload} with the reason.
     */
    List<PlatformEvent> events(JsonNode payload);

    /** A handshake the platform expects answered instead of events (Slack's url_verification challenge). */
    default Optional<String> challenge(JsonNode payload) {
        return Optional.empty();
    }

    /** A payload of the platform's format that cannot be read: the reason is shown to the caller. */
    final class UnreadablePayload extends RuntimeException {
        public UnreadablePayload(String reason) {
            super(reason, null, false, false);
        }
    }
}
