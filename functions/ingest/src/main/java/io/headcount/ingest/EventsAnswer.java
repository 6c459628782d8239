package io.headcount.ingest;

import java.util.List;

/**
 * The answer to a delivery: how many events were kept, how many had been kept before (redeliveries: nothing
 * changed), how many the payload carried that Headcount has no use for, and each refused event with its reason.
 */
public record EventsAnswer(int accepted, int duplicates, int ignored, List<Rejection> rejected) {

    public record Rejection(int index, String reason) {
    }
}
