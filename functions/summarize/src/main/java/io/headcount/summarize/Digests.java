package io.headcount.summarize;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.Json;
import io.headcount.adapters.Metrics;
import io.headcount.domain.ChatMessage;
import io.headcount.domain.Digest;
import io.headcount.domain.DigestText;
import io.headcount.domain.Group;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Period;
import io.headcount.domain.Policy;
import io.headcount.domain.WebhookSpec;
import io.headcount.domain.WorkingHours;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Makes, keeps and rolls up digests: read the period's messages and the group, let the domain summarise, render
 * the text, keep it per (group, period) so that a re-run replaces it.
 */
@ApplicationScoped
class Digests {
    private static final Logger LOG = Logger.getLogger("headcount.summarize");

    private final DigestStore store;
    private final DigestPoster poster;
    private final Clock clock = Clock.systemUTC();

    Digests(DigestStore store, DigestPoster poster) {
        this.store = store;
        this.poster = poster;
    }

    /** A made digest: the admins' view (with silent members) and the members' view. */
    record Made(Digest digest, DigestView forAdmins, DigestView forMembers) {
    }

    Made make(String org, Group group, Period period, LocalDate date) {
        return make(org, store.policy(org), group, period, date);
    }

    Made make(String org, Policy policy, Group group, Period period, LocalDate date) {
        ZoneId zone = ZoneId.of(policy.timeZone());
        WorkingHours hours = WorkingHours.weekdays(zone);
        Instant start = period.start(date, zone);
        Instant end = period.end(date, zone);
        Integer previous = store.stored(org, group.groupId(), period, period.previous(date))
                .map(item -> (int) Attrs.num(item, "score")).orElse(null);
        Digest.Input input = new Digest.Input(group.groupId(), period, date, group.cap(), group.minSize(),
                store.members(org, group.groupId()), store.messages(org, group.groupId(), start, end), previous);
        long digesting = System.nanoTime();
        Digest digest = Digest.of(input, hours, Segmentation.segmenter(), Segmentation.stopWords());
        Metrics.millis("DigestMillis", (System.nanoTime() - digesting) / 1_000_000.0);
        String adminText = DigestText.render(digest, group.name(), policy.language(), zone, true);
        String text = DigestText.render(digest, group.name(), policy.language(), zone, false);
        Made made = new Made(digest, DigestView.of(digest, adminText, true), DigestView.of(digest, text, false));
        store.save(org, digest, Json.write(made.forAdmins()), text, adminText, ChatMessage.expiry(end, policy),
                clock.instant());
        return made;
    }

    LocalDate today(String org) {
        return today(store.policy(org));
    }

    private LocalDate today(Policy policy) {
        return LocalDate.now(clock.withZone(ZoneId.of(policy.timeZone())));
    }

    /** Every group of the org with its digest of the period (made now where none is kept), neediest first. */
    Attention rollUp(String org, Period period, LocalDate date) {
        List<Group> groups = new ArrayList<>();
        store.groups(org, g -> {
            if (g.status() == GroupStatus.ACTIVE) {
                groups.add(g);
            }
        });
        LocalDate first = period.first(date);
        Policy policy = store.policy(org);
        Map<String, Map<String, AttributeValue>> kept = store.stored(org,
                groups.stream().map(Group::groupId).toList(), period, first);
        List<Attention.Entry> entries = new ArrayList<>();
        for (Group g : groups) {
            DigestView view = Optional.ofNullable(kept.get(g.groupId()))
                    .map(item -> Json.read(Attrs.str(item, "json").getBytes(StandardCharsets.UTF_8), DigestView.class))
                    .orElseGet(() -> make(org, policy, g, period, date).forAdmins());
            entries.add(entry(g, view));
        }
        entries.sort(Comparator.comparingInt((Attention.Entry e) -> -e.reasons().size())
                .thenComparingInt(Attention.Entry::score).thenComparing(Attention.Entry::groupId));
        return new Attention(period.name().toLowerCase(java.util.Locale.ROOT), first.toString(), entries);
    }

    static Attention.Entry entry(Group g, DigestView d) {
        List<String> reasons = new ArrayList<>();
        if (d.members() > g.cap()) {
            reasons.add("OVER_CAP");
        }
        if (d.participation() < 0.3) {
            reasons.add("LOW_PARTICIPATION");
        }
        Long median = d.firstResponse().medianSeconds();
        if (median != null && median > 2 * 3600) {
            reasons.add("SLOW_ANSWERS");
        }
        if (d.questions().open().size() >= 3) {
            reasons.add("OPEN_QUESTIONS");
        }
        return new Attention.Entry(g.groupId(), g.name(), d.health().score(), d.members(), g.cap(),
                d.participation(), median, d.questions().open().size(), reasons);
    }

    /** Posts the members' text to the group's webhook, if it has one; the outcome is kept with the digest. */
    private boolean post(String org, Group g, Made digest) {
        Optional<WebhookSpec> webhook = store.webhook(org, g.groupId());
        if (webhook.isEmpty()) {
            return false;
        }
        DigestPoster.Posted result = poster.post(webhook.get(), digest.forMembers().text());
        store.recordPost(org, digest.digest(), result, clock.instant());
        if (!result.ok()) {
            LOG.warn(Json.write(Map.of("event", "digest-post-failed", "org", org, "groupId", g.groupId(),
                    "platform", webhook.get().platform(), "attempts", result.attempts(),
                    "error", String.valueOf(result.error()))));
        }
        return result.ok();
    }

    /**
     * The scheduled run: today's digest of every active group of every org, in each org's time zone. One group
     * failing is reported and the others go on.
     */
    ScheduleReport runDaily() {
        long started = System.nanoTime();
        List<String> orgs = new ArrayList<>();
        store.orgs(orgs::add);
        int made = 0;
        int posted = 0;
        List<ScheduleReport.Failure> failures = new ArrayList<>();
        for (String org : orgs) {
            Policy policy;
            LocalDate today;
            try {
                policy = store.policy(org);
                today = today(policy);
            } catch (RuntimeException e) {
                failures.add(new ScheduleReport.Failure(org, null, e.getClass().getSimpleName()));
                continue;
            }
            List<Group> groups = new ArrayList<>();
            store.groups(org, g -> {
                if (g.status() == GroupStatus.ACTIVE) {
                    groups.add(g);
                }
            });
            for (Group g : groups) {
                try {
                    Made digest = make(org, policy, g, Period.DAY, today);
                    made++;
                    if (post(org, g, digest)) {
                        posted++;
                    }
                } catch (RuntimeException e) {
                    LOG.error(Json.write(Map.of("event", "digest-failed", "org", org, "groupId", g.groupId(),
                            "error", e.getClass().getName())));
                    failures.add(new ScheduleReport.Failure(org, g.groupId(), e.getClass().getSimpleName()));
                }
            }
        }
        ScheduleReport report = new ScheduleReport("daily-digest", orgs.size(), made, posted, failures,
                (System.nanoTime() - started) / 1_000_000);
        Metrics.count("Digests", made);
        Metrics.count("DigestsPosted", posted);
        Metrics.count("DigestFailures", failures.size());
        LOG.info(Json.write(report));
        return report;
    }
}
