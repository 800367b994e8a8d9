package io.loadgen.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's log record, parsed with Jackson (not with the generator's own code) and checked against the schema:
 * exactly the fields Timestamp, Level, Message, ResourceID, all strings, each in its format. Anything else is an
 * {@link AssertionError} that quotes the value.
 */
public record SeedRecord(String timestamp, String level, long messageNumber, long resourceNumber) {

    public static final Set<String> FIELDS = Set.of("Timestamp", "Level", "Message", "ResourceID");
    public static final Set<String> LEVELS = Set.of("INFO", "WARN", "ERROR", "DEBUG");
    /** RFC 3339, UTC, exactly nine fraction digits. */
    public static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MESSAGE = Pattern.compile("Test log message (0|[1-9]\\d*)");
    private static final Pattern RESOURCE = Pattern.compile("resource-(0|[1-9]\\d*)");

    public static SeedRecord parse(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
        if (node == null || !node.isObject()) throw new AssertionError("not a JSON object: " + text);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        if (names.size() != FIELDS.size() || !FIELDS.containsAll(names)) {
            throw new AssertionError("fields must be exactly " + FIELDS + ", got " + names + ": " + text);
        }
        String timestamp = text(node, "Timestamp", text);
        if (!TIMESTAMP.matcher(timestamp).matches())
            throw new AssertionError("Timestamp not RFC 3339 with nanoseconds: " + text);
        String level = text(node, "Level", text);
        if (!LEVELS.contains(level)) throw new AssertionError("Level not one of " + LEVELS + ": " + text);
        return new SeedRecord(
                timestamp,
                level,
                number(MESSAGE, text(node, "Message", text), text),
                number(RESOURCE, text(node, "ResourceID", text), text));
    }

    public Instant instant() {
        return Instant.parse(timestamp);
    }

    public String message() {
        return "Test log message " + messageNumber;
    }

    public String resourceId() {
        return "resource-" + resourceNumber;
    }

    private static String text(JsonNode node, String field, String whole) {
        JsonNode v = node.get(field);
        if (!v.isTextual()) throw new AssertionError(field + " must be a string: " + whole);
        return v.textValue();
    }

    private static long number(Pattern pattern, String value, String whole) {
        Matcher m = pattern.matcher(value);
        if (!m.matches()) throw new AssertionError("'" + value + "' does not match " + pattern + ": " + whole);
        return Long.parseLong(m.group(1));
    }
}
