package io.headcount.seating;

/** The body of a join answer: {@code {decision, groupId, reason?, position?, message}}. */
public record JoinAnswer(String decision, String groupId, String reason, Integer position, String message) {
}
