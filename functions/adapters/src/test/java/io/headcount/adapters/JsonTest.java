package io.headcount.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headcount.domain.GroupSpec;
import io.headcount.domain.JoinBody;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one mapper is strict: broken JSON is 400, valid JSON with the wrong shape or values is 422. */
class JsonTest {
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("{", ErrorCode.MALFORMED_REQUEST),
                Arguments.of("{\"userId\":\"a\",\"userId\":\"b\"}", ErrorCode.MALFORMED_REQUEST),
                Arguments.of("{\"userId\":\"a\"} {}", ErrorCode.MALFORMED_REQUEST),
                Arguments.of("null", ErrorCode.MALFORMED_REQUEST),
                Arguments.of("{\"userId\":1}", ErrorCode.INVALID_INPUT),
                Arguments.of("{\"userId\":\"a\",\"x\":1}", ErrorCode.INVALID_INPUT),
                Arguments.of("[]", ErrorCode.INVALID_INPUT));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithTheRightCode(String body, ErrorCode code) {
        ApiError e = assertThrows(ApiError.class, () -> Json.read(bytes(body), JoinBody.class));
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void numbersBeyondTheirTypeAreInvalidValues() {
        for (String cap : new String[] {"99999999999", "1e400", "15.5", "\"15\"", "true"}) {
            ApiError e = assertThrows(ApiError.class, () -> Json.read(bytes(
                    "{\"name\":\"n\",\"kind\":\"FUNCTION\",\"key\":\"k\",\"cap\":" + cap + ",\"admins\":[]}"),
                    GroupSpec.class));
            assertEquals(ErrorCode.INVALID_INPUT, e.code(), cap + ": " + e.getMessage());
        }
    }

    @Test
    void readsAndWritesRecords() {
        assertEquals("u1", Json.read(bytes("{\"userId\":\"u1\"}"), JoinBody.class).userId());
        assertEquals("{\"userId\":\"u1\"}", Json.write(new JoinBody("u1")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
