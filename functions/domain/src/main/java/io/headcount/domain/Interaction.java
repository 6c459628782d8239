package io.headcount.domain;

/**
 * How often two members talked to each other lately (replies and mentions either way): the weight regroup keeps
 * inside a group when it splits one. {@code a} sorts before {@code b}.
 */
public record Interaction(String a, String b, int weight) {

    public static Interaction of(String one, String other, int weight) {
        return one.compareTo(other) <= 0 ? new Interaction(one, other, weight) : new Interaction(other, one, weight);
    }
}
