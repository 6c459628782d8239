package io.headcount.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.localkit.TemplateModel;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every schedule of template.yaml runs locally on the same expression and zone, calling the same method. */
@QuarkusTest
@QuarkusTestResource(value = LocalStoreResource.class, restrictToAnnotatedClass = false)
class LocalSchedulesTest {
    @Inject
    LocalSchedules schedules;
    @Inject
    Scheduler scheduler;

    @Test
    void everyTemplateScheduleIsScheduledLocally() {
        List<TemplateModel.ScheduleSpec> declared = TemplateModel.load(LocalPaths.template()).schedules();
        assertTrue(declared.size() >= 1);
        assertEquals(declared.size(), schedules.jobs().size());
        for (LocalSchedules.Job job : schedules.jobs()) {
            assertTrue(scheduler.getScheduledJob(job.id()) != null, job.id() + " is scheduled");
        }
        LocalSchedules.Job digest = schedules.jobs().stream()
                .filter(j -> j.id().equals("SummarizeFunction/DailyDigest")).findFirst().orElseThrow();
        assertEquals("cron(0 18 * * ? *)", digest.schedule().expression());
        assertEquals("Asia/Shanghai", digest.schedule().timezone(), "the template parameter's default");
        assertEquals(Map.of("schedule", "daily-digest"), digest.input());
        LocalSchedules.Job regroup = schedules.jobs().stream()
                .filter(j -> j.id().equals("RegroupFunction/WeeklyRegroup")).findFirst().orElseThrow();
        assertEquals("cron(0 2 ? * MON *)", regroup.schedule().expression());
        assertEquals("Asia/Shanghai", regroup.schedule().timezone());
        assertEquals(Map.of("schedule", "weekly-regroup"), regroup.input());
        assertEquals("regroup", regroup.function().name());
    }

    @Test
    void aJobRunsTheFunctionsScheduledMethod() {
        LocalSchedules.Job digest = schedules.jobs().get(0);
        Object report = schedules.run(digest);
        assertTrue(report.toString().contains("daily-digest"), report.toString());
    }

    @Test
    void eventBridgeExpressionsBecomeQuarkusOnes() {
        assertEquals("0 0 18 * * ? *", LocalSchedules.quartz("cron(0 18 * * ? *)"));
        assertEquals("0 0 20 ? * SUN *", LocalSchedules.quartz("cron(0 20 ? * SUN *)"));
        assertEquals("0 0 2 ? * MON *", LocalSchedules.quartz("cron(0 2 ? * MON *)"));
        assertEquals("15m", LocalSchedules.interval("rate(15 minutes)"));
        assertEquals("1h", LocalSchedules.interval("rate(1 hour)"));
        assertEquals("P7D", LocalSchedules.interval("rate(7 days)"));
        assertThrows(IllegalArgumentException.class, () -> LocalSchedules.quartz("cron(0 18 * * ?)"));
        assertThrows(IllegalArgumentException.class, () -> LocalSchedules.interval("at(2026-11-27T18:00:00)"));
    }
}
