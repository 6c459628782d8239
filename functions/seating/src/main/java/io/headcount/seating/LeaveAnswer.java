package io.headcount.seating;

/** The body of a leave answer: whether a seat or queue place was given up, and who got the seat. */
public record LeaveAnswer(boolean left, String promoted) {
}
