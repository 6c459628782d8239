package io.headcount.adapters;

import java.util.Map;

/**
 * A function that EventBridge Scheduler invokes with a constant input. The local run invokes the same method on
 * the same cron, through quarkus-scheduler, since no timer runs inside a deployed Lambda function.
 */
public interface ScheduledFunction {

    /** The Funqy export name, as template.yaml's QUARKUS_FUNQY_EXPORT gives it. */
    String name();

    /** What the function answers to the scheduler's input (the schedule's {@code Input}, parsed). */
    Object onSchedule(Map<String, Object> input);
}
