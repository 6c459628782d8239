package io.headcount.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.adapters.ScheduledFunction;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import io.headcount.localkit.TemplateModel.ScheduleSpec;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The local stand-in for EventBridge Scheduler: every ScheduleV2 event of template.yaml runs on quarkus-scheduler
 * with the same expression and time zone, invoking the same function method with the same input.
 */
@ApplicationScoped
public class LocalSchedules {
    private static final Logger LOG = Logger.getLogger(LocalSchedules.class);
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    /** One schedule of the template, bound to its function. */
    public record Job(String id, ScheduleSpec schedule, ScheduledFunction function, Map<String, Object> input) {
    }

    private final Scheduler scheduler;
    private final ObjectMapper json;
    private final List<Job> jobs;

    LocalSchedules(Scheduler scheduler, ObjectMapper json, @Any Instance<ScheduledFunction> functions) {
        this.scheduler = scheduler;
        this.json = json;
        TemplateModel template = TemplateModel.load(LocalPaths.template());
        this.jobs = bind(template.functions(), template.schedules(), functions.stream().toList());
    }

    void start(@Observes StartupEvent event) {
        for (Job job : jobs) {
            var definition = scheduler.newJob(job.id()).setTimeZone(job.schedule().timezone())
                    .setTask(execution -> run(job));
            String expression = job.schedule().expression();
            Matcher cron = CRON.matcher(expression);
            if (cron.matches()) {
                definition.setCron(quartz(expression));
            } else {
                definition.setInterval(interval(expression));
            }
            definition.schedule();
            LOG.infof("schedule %s: %s %s", job.id(), expression, job.schedule().timezone());
        }
    }

    public List<Job> jobs() {
        return jobs;
    }

    /** Runs a job now, as its schedule would (also what a developer may call to try a digest). */
    public Object run(Job job) {
        return job.function().onSchedule(job.input());
    }

    List<Job> bind(List<FunctionSpec> functions, List<ScheduleSpec> schedules, List<ScheduledFunction> beans) {
        Map<String, String> exports = new LinkedHashMap<>();
        functions.forEach(f -> exports.put(f.logicalId(), f.environment().get(LocalApi.EXPORT_VARIABLE)));
        List<Job> bound = new ArrayList<>();
        for (ScheduleSpec s : schedules) {
            String export = exports.get(s.functionLogicalId());
            ScheduledFunction bean = beans.stream().filter(b -> b.name().equals(export)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("template.yaml schedules " + s.functionLogicalId()
                            + " (" + export + "), but no ScheduledFunction bean has that name"));
            bound.add(new Job(s.functionLogicalId() + "/" + s.name(), s, bean, input(s.input())));
        }
        return bound;
    }

    private Map<String, Object> input(String input) {
        try {
            return input == null ? Map.of() : json.readValue(input, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("a schedule's Input is not a JSON object: " + input, e);
        }
    }

    /** EventBridge's {@code cron(min hour day month weekday year)} is Quartz's without the seconds. */
    static String quartz(String expression) {
        Matcher m = CRON.matcher(expression.strip());
        if (!m.matches() || m.group(1).strip().split("\\s+").length != 6) {
            throw new IllegalArgumentException("not an EventBridge cron expression: " + expression);
        }
        return "0 " + m.group(1).strip();
    }

    /** EventBridge's {@code rate(n unit)} as a quarkus-scheduler interval. */
    static String interval(String expression) {
        Matcher m = RATE.matcher(expression.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an EventBridge cron or rate expression: " + expression);
        }
        String n = m.group(1);
        return switch (m.group(2).charAt(0)) {
            case 'm' -> n + "m";
            case 'h' -> n + "h";
            default -> "P" + n + "D";
        };
    }
}
