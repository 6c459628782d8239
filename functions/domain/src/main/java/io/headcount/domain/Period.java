package io.headcount.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** The span a digest or a score covers: a local day, or the ISO week (Monday to Sunday) containing a date. */
public enum Period {
    DAY, WEEK;

    /** The first day of the period containing {@code date}. */
    public LocalDate first(LocalDate date) {
        return this == DAY ? date : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public int days() {
        return this == DAY ? 1 : 7;
    }

    public Instant start(LocalDate date, ZoneId zone) {
        return first(date).atStartOfDay(zone).toInstant();
    }

    /** Exclusive. */
    public Instant end(LocalDate date, ZoneId zone) {
        return first(date).plusDays(days()).atStartOfDay(zone).toInstant();
    }

    /** The period before the one containing {@code date}. */
    public LocalDate previous(LocalDate date) {
        return first(date).minusDays(days());
    }
}
