package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final WorkingHours HOURS = WorkingHours.weekdays(SHANGHAI);

    /** 2026-11-23 is a Monday. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    static long minutes(String from, String to) {
        return HOURS.between(at(from), at(to)).toMinutes();
    }

    @Test
    void withinOneWorkingDayItIsTheClockTime() {
        assertEquals(25, minutes("2026-11-23T10:00", "2026-11-23T10:25"));
    }

    @Test
    void eveningsAndNightsDoNotCount() {
        assertEquals(20, minutes("2026-11-23T18:50", "2026-11-24T09:10"));
        assertEquals(10, minutes("2026-11-23T21:00", "2026-11-24T09:10"), "asked after hours: from opening");
        assertEquals(0, minutes("2026-11-23T19:30", "2026-11-23T23:00"));
    }

    @Test
    void weekendsDoNotCount() {
        // Friday 18:00 to Monday 10:00: one hour on Friday, one on Monday.
        assertEquals(120, minutes("2026-11-27T18:00", "2026-11-30T10:00"));
        assertEquals(0, minutes("2026-11-28T10:00", "2026-11-29T18:00"));
    }

    @Test
    void aWholeWeekIsFiftyHours() {
        assertEquals(Duration.ofHours(50), HOURS.between(at("2026-11-23T00:00"), at("2026-11-30T00:00")));
    }

    @Test
    void backwardsOrEqualIsZero() {
        assertEquals(0, minutes("2026-11-23T12:00", "2026-11-23T11:00"));
        assertEquals(0, minutes("2026-11-23T12:00", "2026-11-23T12:00"));
    }

    @Test
    void daylightSavingDaysCountTheirRealHours() {
        ZoneId ny = ZoneId.of("America/New_York");
        WorkingHours sevenDays = new WorkingHours(ny, LocalTime.of(0, 0), LocalTime.of(23, 59),
                Set.of(DayOfWeek.values()));
        // 2026-03-08 loses an hour at 02:00 in New York.
        Instant from = LocalDateTime.parse("2026-03-08T00:00").atZone(ny).toInstant();
        Instant to = LocalDateTime.parse("2026-03-08T23:59").atZone(ny).toInstant();
        assertEquals(Duration.ofHours(22).plusMinutes(59), sevenDays.between(from, to));
    }

    @Test
    void openIsInsideTheHoursOnWorkingDaysOnly() {
        assertTrue(HOURS.isOpen(at("2026-11-23T09:00")));
        assertFalse(HOURS.isOpen(at("2026-11-23T19:00")));
        assertFalse(HOURS.isOpen(at("2026-11-28T10:00")));
    }

    @Test
    void hoursMustEndAfterTheyStart() {
        assertThrows(IllegalArgumentException.class,
                () -> new WorkingHours(SHANGHAI, LocalTime.of(19, 0), LocalTime.of(9, 0), Set.of(DayOfWeek.MONDAY)));
    }
}
