package io.headcount.ingest.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.ingest.platform.PlatformPayload.UnreadablePayload;

/**
 * Field readers shared by the platform payload readers. Every method that can reject its input takes a
 * {@code where} label naming the field for the reason text (e.g. {@code "event.channel"} or
 * {@code "dingtalk msgId"}), so each reader keeps precise {@link UnreadablePayload} reasons.
 */
final class PayloadFields {

    /** For JSON documents nested as strings inside payloads; readTree on a shared mapper is thread-safe. */
    private static final ObjectMapper NESTED_JSON = new ObjectMapper();

    private PayloadFields() {
    }

    /** The node's string value; null when the node is absent or not a string. Never rejects. */
    static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** The field's string value as sent, null when absent or JSON null; any other type is unreadable. */
    static String optionalText(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new UnreadablePayload(where + " is not a string");
        }
        return node.asText();
    }

    /** Like {@link #optionalText}, but a blank string counts as absent (null). */
    static String optionalNonBlankText(JsonNode parent, String field, String where) {
        String value = optionalText(parent, field, where);
        return value == null || value.isBlank() ? null : value;
    }

    /** The field's string value as sent; absent, JSON null or empty is unreadable (a blank string is kept). */
    static String requiredText(JsonNode parent, String field, String where) {
        String value = optionalText(parent, field, where);
        if (value == null || value.isEmpty()) {
            throw new UnreadablePayload(where + " is missing or empty");
        }
        return value;
    }

    /** The field's string value as sent; absent, JSON null, not a string, or blank is unreadable. */
    static String requiredNonBlankText(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new UnreadablePayload(where + " is missing");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new UnreadablePayload(where + " is not a non-empty string");
        }
        return node.asText();
    }

    /** A string or integer field as stripped text, null when absent or JSON null; any other type is unreadable. */
    static String scalar(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText().strip();
        }
        throw new UnreadablePayload(where + " is not a string");
    }

    /**
     * Optional epoch milliseconds, as a JSON integer or a string of digits (no surrounding blanks). Absent, JSON
     * null or an empty string give null; zero is accepted; anything else (negative, fractional, text) is unreadable.
     */
    static Long optionalEpochMillis(JsonNode node, String where) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            return null;
        }
        Long value = epochNumber(node, false);
        if (value == null || value < 0) {
            throw new UnreadablePayload(where + " is not a millisecond timestamp");
        }
        return value;
    }

    /** Required positive epoch milliseconds, as a JSON integer or a string of digits (surrounding blanks allowed). */
    static long requiredEpochMillis(JsonNode parent, String field, String where) {
        return requiredPositiveEpoch(parent, field, where, "millisecond timestamp");
    }

    /** Required positive epoch seconds, as a JSON integer or a string of digits (surrounding blanks allowed). */
    static long requiredEpochSeconds(JsonNode parent, String field, String where) {
        return requiredPositiveEpoch(parent, field, where, "timestamp in seconds");
    }

    /**
     * A JSON document nested as a string in a payload, parsed. The result may be any node (or null for an empty
     * document); callers check its shape. Text that is not JSON is unreadable.
     */
    static JsonNode parseNestedJson(String json, String where) {
        try {
            return NESTED_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadablePayload(where + " is not JSON");
        }
    }

    private static long requiredPositiveEpoch(JsonNode parent, String field, String where, String unit) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new UnreadablePayload(where + " is missing");
        }
        Long value = epochNumber(node, true);
        if (value == null) {
            throw new UnreadablePayload(where + " is not a " + unit);
        }
        if (value <= 0) {
            throw new UnreadablePayload(where + " is not a positive " + unit);
        }
        return value;
    }

    /**
     * A JSON integer that fits a long (possibly negative), or a string of 1 to 18 ASCII digits, optionally with
     * surrounding blanks when {@code strip}; null when the node is neither.
     */
    private static Long epochNumber(JsonNode node, boolean strip) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            String s = strip ? node.asText().strip() : node.asText();
            if (!s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(s);
            }
        }
        return null;
    }
}
