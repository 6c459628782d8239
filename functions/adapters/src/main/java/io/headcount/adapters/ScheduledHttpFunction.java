package io.headcount.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A function with routes and a schedule behind one entry point ({@link Invocation}). Funqy finds a function by the
 * {@code @Funq} method of the bean class itself, so each subclass keeps that method, and it returns
 * {@link #dispatch}.
 */
public abstract class ScheduledHttpFunction extends RoutedFunction implements ScheduledFunction {
    private final String schedule;
    private final Supplier<?> run;
    private final ObjectMapper mapper;

    /** For ArC: the client proxy of an application-scoped subclass needs a constructor without arguments. */
    protected ScheduledHttpFunction() {
        this.schedule = null;
        this.run = null;
        this.mapper = null;
    }

    /**
     * @param schedule the name in the scheduler's input {@code {"schedule": name}}
     * @param run      what that input runs; infra/native-check takes what it returns as JSON Funqy writes
     */
    protected ScheduledHttpFunction(String name, String schedule, Supplier<?> run, Gateway gateway,
            ObjectMapper mapper) {
        super(name, gateway);
        this.schedule = schedule;
        this.run = run;
        this.mapper = mapper;
    }

    @Override
    public Object onSchedule(Map<String, Object> input) {
        return dispatch(input);
    }

    /** What the {@code @Funq} method returns: an API Gateway response, or the scheduled run's report. */
    protected Object dispatch(Map<String, Object> event) {
        return Invocation.dispatch(name(), event, mapper, this::handle, schedule, run);
    }
}
