package io.headcount.empty;

import io.quarkus.funqy.Funq;
import java.util.Map;

/** Does nothing but answer: what a Quarkus Funqy function costs before it does any work. */
public class EmptyFunction {

    @Funq("echo")
    public Map<String, Object> echo(Map<String, Object> input) {
        return input;
    }
}
