package io.headcount.domain;

import static io.headcount.domain.Fixtures.repeat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    static Stream<String> valid() {
        return Stream.of("a", "Z", "7", "-", "_", repeat('a', 64), "east-cm-2", "U024BE7LH", "ou_7d8a.6e6", "A.b_c-9");
    }

    static Stream<String> invalid() {
        return Stream.of("", repeat('a', 65), repeat('a', 1000), "é", "群", "华东客户维护群", "ａ", "１", " a", "a ", "a b",
                "a\tb", "a\n", "\n", "a/b", "../x", "a\\b", "a#b", "a?b", "a%2F", "a:b", "a@b", "a+b", "a*b", "a\u0000",
                "😀");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void valid(String id) {
        assertTrue(Ids.isValid(id), id);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid(String id) {
        assertFalse(Ids.isValid(id), id);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64})
    void lengthsOneToSixtyFourAreValid(int length) {
        assertTrue(Ids.isValid(repeat('x', length)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65, 66, 128})
    void otherLengthsAreInvalid(int length) {
        assertFalse(Ids.isValid(repeat('x', length)));
    }

    @Test
    void maxLengthIsSixtyFour() {
        assertTrue(Ids.isValid(repeat('x', Ids.MAX_LENGTH)));
        assertFalse(Ids.isValid(repeat('x', Ids.MAX_LENGTH + 1)));
    }

    @Test
    void nullIsInvalid() {
        assertFalse(Ids.isValid(null));
    }
}
