package io.headcount.ingest;

import io.headcount.domain.ChatEventSpec;
import io.headcount.ingest.platform.PlatformEvent;

/** One event of a delivery as decoded: exactly one of a normalised event, a platform's event, or why neither. */
record Incoming(ChatEventSpec spec, PlatformEvent platformEvent, String refusal) {

    static Incoming normalised(ChatEventSpec spec) {
        return new Incoming(spec, null, null);
    }

    static Incoming fromPlatform(PlatformEvent event) {
        return new Incoming(null, event, null);
    }

    static Incoming refused(String reason) {
        return new Incoming(null, null, reason);
    }
}
