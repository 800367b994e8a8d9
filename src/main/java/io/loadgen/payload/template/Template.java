package io.loadgen.payload.template;

import io.loadgen.payload.RecordRandom;
import io.loadgen.payload.Sampler;
import io.loadgen.spec.Distribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A compiled record template (syntax: the package documentation and docs/templates.md). Compiled once at start;
 * immutable, so every sender thread's {@link TemplateGenerator} shares it.
 */
public final class Template {

    /** The templates in src/main/resources/templates, by file name; the name without extension selects one. */
    private static final List<String> SHIPPED =
            List.of("app-json.json", "k8s.log", "nginx.log", "seed.json", "syslog.log");

    /** How many records {@link #firstInvalidJson()} makes. */
    public static final int JSON_CHECK_RECORDS = 1_000;

    /** A distribution as a placeholder uses it: each generator builds its own {@link Sampler} from it. */
    record SamplerSpec(Distribution distribution, double min, double max) {}

    private final String sourceName;
    private final String sourceText;
    private final boolean json;
    final Step[] steps;
    private final SamplerSpec[] samplers;
    final int slotCount;
    final boolean readsClock;

    Template(
            String sourceName,
            String sourceText,
            boolean json,
            Step[] steps,
            SamplerSpec[] samplers,
            int slotCount,
            boolean readsClock) {
        this.sourceName = sourceName;
        this.sourceText = sourceText;
        this.json = json;
        this.steps = steps;
        this.samplers = samplers;
        this.slotCount = slotCount;
        this.readsClock = readsClock;
    }

    /**
     * Compiles a template.
     *
     * @param sourceName where the text came from, for error messages (a file name)
     * @param json       the template writes JSON: placeholders inside JSON strings are escaped
     * @throws TemplateSyntaxException with a one-line message {@code SOURCE:LINE:COLUMN: found '...', expected ...}
     */
    public static Template compile(String text, String sourceName, boolean json) {
        return new Compiler(text, sourceName, json).compile(text);
    }

    /** A shipped template by name ({@code nginx} or {@code nginx.log}); empty when there is none of that name. */
    public static Optional<Template> shipped(String name) {
        for (String file : SHIPPED) {
            if (file.equals(name) || file.substring(0, file.lastIndexOf('.')).equals(name)) {
                return Optional.of(compile(resource(file), file, isJsonFileName(file)));
            }
        }
        return Optional.empty();
    }

    /** The names of the shipped templates, without extension, sorted. */
    public static List<String> shippedNames() {
        return SHIPPED.stream()
                .map(f -> f.substring(0, f.lastIndexOf('.')))
                .sorted()
                .toList();
    }

    /** True for the file names of JSON templates: .json, .jsonl, .ndjson. */
    public static boolean isJsonFileName(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        return f.endsWith(".json") || f.endsWith(".jsonl") || f.endsWith(".ndjson");
    }

    public String sourceName() {
        return sourceName;
    }

    /** The text the template was compiled from, comments included (what a user copies to start their own). */
    public String sourceText() {
        return sourceText;
    }

    public boolean json() {
        return json;
    }

    /**
     * Makes the first {@value #JSON_CHECK_RECORDS} records (seed 0, a fixed clock) and parses each as JSON.
     *
     * @return empty when all parse; else one line naming the first bad record, the parser's reason and the record
     */
    public Optional<String> firstInvalidJson() {
        return firstInvalidJson(0, JSON_CHECK_RECORDS);
    }

    /** {@link #firstInvalidJson()} with the run's seed and a number of records. */
    public Optional<String> firstInvalidJson(long seed, int records) {
        return JsonCheck.firstInvalid(this, seed, records);
    }

    Sampler[] newSamplers(RecordRandom random) {
        Sampler[] s = new Sampler[samplers.length];
        for (int i = 0; i < s.length; i++)
            s[i] = new Sampler(samplers[i].distribution(), random, samplers[i].min(), samplers[i].max());
        return s;
    }

    @Override
    public String toString() {
        return sourceName;
    }

    private static String resource(String file) {
        try (InputStream in = Template.class.getResourceAsStream("/templates/" + file)) {
            if (in == null) throw new IllegalStateException("shipped template missing from the class path: " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
