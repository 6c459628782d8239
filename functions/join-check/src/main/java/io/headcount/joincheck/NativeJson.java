package io.headcount.joincheck;

import io.headcount.domain.JoinBody;
import io.headcount.domain.Seats;
import io.headcount.seating.JoinAnswer;
import io.headcount.seating.LeaveAnswer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * join-check's JSON types, registered for reflection so Jackson may bind them in a native image too (the error
 * body is registered by the adapters). Domain records are listed here because functions/domain stays free of
 * Quarkus. infra/native-check derives the list from the code and checks the native build registers every one.
 */
@RegisterForReflection(targets = {JoinBody.class, JoinAnswer.class, LeaveAnswer.class, Seats.class})
final class NativeJson {
    private NativeJson() {
    }
}
