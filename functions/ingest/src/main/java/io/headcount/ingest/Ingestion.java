package io.headcount.ingest;

import io.headcount.adapters.Keys;
import io.headcount.adapters.Policies;
import io.headcount.adapters.Table;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One delivery, event by event in order: resolve, check, keep. A refused event is answered with its index and
 * reason and the others go on; a store failure stops the delivery (503), and a retry finds the events kept so far
 * as duplicates.
 */
@ApplicationScoped
class Ingestion {
    private final Table table;
    private final MessageLog log;
    private final Clock clock;

    Ingestion(Table table, MessageLog log) {
        this.table = table;
        this.log = log;
        this.clock = Clock.systemUTC();
    }

    EventsAnswer take(String org, Delivery delivery) {
        List<Incoming> events = delivery.events();
        Items items = new Items(table);
        List<Keys.Key> first = new ArrayList<>(Resolution.linksAndMessages(org, events));
        first.add(Keys.policy(org));
        items.prefetch(first);
        Policy policy = Policies.from(items.get(Keys.policy(org)).orElse(null));
        Resolution resolution = new Resolution(org, policy, clock.instant(), items);
        items.prefetch(touched(org, events, resolution));

        int accepted = 0;
        int duplicates = 0;
        List<EventsAnswer.Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                // Resolved again: an event may be about a message kept earlier in this delivery.
                MessageLog.Result result = log.keep(org, resolution.resolve(events.get(i)), policy, items);
                if (result == MessageLog.Result.ACCEPTED) {
                    accepted++;
                } else {
                    duplicates++;
                }
            } catch (Refused refused) {
                rejected.add(new EventsAnswer.Rejection(i, refused.getMessage()));
            }
        }
        return new EventsAnswer(accepted, duplicates, delivery.ignored(), rejected);
    }

    /** Everything the events will read, fetched in as few round trips as DynamoDB allows. */
    private static List<Keys.Key> touched(String org, List<Incoming> events, Resolution resolution) {
        List<Keys.Key> keys = new ArrayList<>();
        for (Incoming in : events) {
            try {
                ChatEvent e = resolution.event(in);
                keys.addAll(Resolution.touched(org, e, e.kind().aboutAMessage()
                        ? resolution.message(e.platform(), e.messageId()).orElse(null) : null));
            } catch (Refused refused) {
                // Answered when its turn comes.
            }
        }
        return keys;
    }
}
