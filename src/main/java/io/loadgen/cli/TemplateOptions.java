package io.loadgen.cli;

import io.loadgen.payload.template.Template;
import io.loadgen.payload.template.TemplateSyntaxException;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.TemplateSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --template NAME|FILE} and {@code --template-format}: finds the template, decides whether its records are
 * JSON, and checks it at start, so a bad template is one line of bad input, not a run of broken records.
 */
final class TemplateOptions {

    private TemplateOptions() {}

    /** A file of that name wins over a shipped template of the same name: the user may have copied and edited it. */
    static TemplateSource source(String nameOrFile, String format) {
        return source("--template", nameOrFile, format);
    }

    /** @param option how the user named the template: an option, or the parameter of {@code loadgen templates} */
    static TemplateSource source(String option, String nameOrFile, String format) {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new UsageException(option + " " + nameOrFile + " is not UTF-8 text");
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new UsageException(option + " " + nameOrFile + " cannot be read: " + e);
            }
            if (text.isBlank()) throw new UsageException(option + " " + nameOrFile + " is empty: it needs a record");
            return new TemplateSource(
                    nameOrFile,
                    text,
                    json(format, Template.isJsonFileName(file.getFileName().toString())));
        }
        Template shipped = Template.shipped(nameOrFile)
                .orElseThrow(() -> new UsageException(option + " '" + nameOrFile
                        + "' is neither a file nor a shipped template (" + String.join(", ", Template.shippedNames())
                        + ")"));
        return new TemplateSource(nameOrFile, shipped.sourceText(), json(format, shipped.json()));
    }

    /** Compiles the template and, for JSON, parses its first records: refused at start with one line when bad. */
    static void check(PayloadSpec spec) {
        TemplateSource source = spec.template();
        Template template = compile(source, "--template ");
        if (source.json()) {
            Optional<String> problem = template.firstInvalidJson(spec.seed(), Template.JSON_CHECK_RECORDS);
            if (problem.isPresent()) throw new UsageException("--template " + problem.get());
        }
    }

    /** The template compiled, or its syntax error as one line of bad input after {@code prefix}. */
    static Template compile(TemplateSource source, String prefix) {
        try {
            return Template.compile(source.text(), source.name(), source.json());
        } catch (TemplateSyntaxException e) {
            throw new UsageException(prefix + e.getMessage());
        }
    }

    private static boolean json(String format, boolean byDefault) {
        if (format == null || format.isBlank()) return byDefault;
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new UsageException("--template-format must be json or text; got '" + format + "'");
        };
    }
}
