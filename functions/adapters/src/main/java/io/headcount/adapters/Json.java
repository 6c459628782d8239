package io.headcount.adapters;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapper. Strict on input: unknown fields, wrong types and duplicate keys are errors, never guesses,
 * so a typo in a request is answered instead of silently ignored.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /**
     * Parses a request body: text that is not exactly one JSON value (broken syntax, duplicate keys, trailing data)
     * is MALFORMED_REQUEST; a JSON value of the wrong shape or with values out of range is INVALID_INPUT.
     */
    public static <T> T read(byte[] body, Class<T> type) {
        return convert(tree(body), type);
    }

    /** The body as one JSON value: broken syntax, duplicate keys, trailing data or an empty body are refused. */
    public static JsonNode tree(byte[] body) {
        try {
            // Jackson's own decoder lets overlong and out-of-range sequences through; UTF-8 is checked first.
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ApiError(ErrorCode.MALFORMED_REQUEST, "the body is not valid UTF-8");
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode tree = MAPPER.readTree(parser);
            if (tree == null || tree.isMissingNode() || tree.isNull() || parser.nextToken() != null) {
                throw new ApiError(ErrorCode.MALFORMED_REQUEST, "the body must be exactly one JSON value");
            }
            return tree;
        } catch (IOException e) {
            throw new ApiError(ErrorCode.MALFORMED_REQUEST, "the body is not valid JSON");
        }
    }

    /** A JSON value as {@code type}; the wrong shape or values out of range are INVALID_INPUT, saying where. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (PropertyBindingException e) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "unknown field " + fieldName(e.getPropertyName()));
        } catch (MismatchedInputException e) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "wrong type at " + path(e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "a value is out of range");
        }
    }

    /** A field name fit to repeat in an answer: quoted when short and plain, else only its length. */
    public static String fieldName(String name) {
        return name != null && name.matches("[A-Za-z0-9_.-]{1,64}") ? "'" + name + "'"
                : "of " + (name == null ? 0 : name.length()) + " characters";
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable response " + value.getClass().getName(), e);
        }
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("the top level");
        return "'" + path + "'";
    }
}
