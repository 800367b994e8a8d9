package io.loadgen.payload.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether a template's records are JSON: a template that looks right can still write an unquoted word or a raw line
 * break on a rare branch, and a consumer downstream would fail on it mid-run. So the records are made and parsed
 * before the run, and the first bad one is shown.
 */
final class JsonCheck {

    /** 2026-01-01T00:00:00Z: the records' time does not decide whether they parse. */
    private static final long FIXED_NANOS = 1_767_225_600_000_000_000L;

    private static final int SHOWN = 300;

    private JsonCheck() {}

    static Optional<String> firstInvalid(Template template, long seed, int records) {
        TemplateGenerator generator = new TemplateGenerator(template, seed, 0, () -> FIXED_NANOS);
        JsonFactory factory = new JsonFactory();
        for (int p = 0; p < records; p++) {
            byte[] record = generator.value(p);
            String reason = reason(factory, record);
            if (reason != null) {
                return Optional.of(template.sourceName() + ": record " + (p + 1) + " of " + records
                        + " is not valid JSON (" + reason + "): " + shown(record));
            }
        }
        return Optional.empty();
    }

    /** Why the record is not one JSON value, null if it is. */
    private static String reason(JsonFactory factory, byte[] record) {
        try (JsonParser p = factory.createParser(record)) {
            JsonToken t = p.nextToken();
            if (t == null) return "it is empty";
            int depth = 0;
            while (true) {
                if (t.isStructStart()) depth++;
                else if (t.isStructEnd()) depth--;
                else if (t == JsonToken.VALUE_STRING) p.getTextLength(); // reads, and so checks, the whole string
                if (depth == 0) break;
                t = p.nextToken();
                if (t == null) return "it ends inside a value";
            }
            if (p.nextToken() != null) return "text follows the first value";
            return null;
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            int nl = m.indexOf('\n');
            return nl < 0 ? m : m.substring(0, nl);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String shown(byte[] record) {
        String s = new String(record, StandardCharsets.UTF_8);
        String cut = s.length() > SHOWN ? s.substring(0, SHOWN) + "..." : s;
        return TemplateSyntaxException.oneLine(cut);
    }
}
