package io.loadgen.cli;

import io.loadgen.payload.WallClock;
import io.loadgen.payload.template.Template;
import io.loadgen.payload.template.TemplateGenerator;
import io.loadgen.spec.TemplateSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loadgen templates}: the shipped templates with a record of each, one template's text to copy and edit, or a
 * few records of a template (a file of one's own included) before a run uses it.
 */
@Command(
        name = "templates",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        sortOptions = false,
        description = "Without a name: the shipped record templates, with one record each. With a name or a file: "
                + "the template's text (copy it to a file, edit it, run it with --template FILE), or with --sample N "
                + "N records made from it.%n",
        footer = {"%nThe placeholders are described in docs/templates.md.%n", ExitCodes.TEMPLATES_HELP_TEXT})
public class TemplatesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME|FILE", description = "A shipped template or a template file.")
    String template;

    @Option(
            names = "--sample",
            paramLabel = "N",
            converter = Converters.IntCount.class,
            description = "Print N records made from the template instead of its text.")
    Integer sample;

    @Option(
            names = "--template-format",
            paramLabel = "json|text",
            description = "As for run: whether the records are JSON (default: by the file's extension).")
    String templateFormat;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the pseudo-random choices (default 42).")
    long seed = 42;

    @Override
    public Integer call() {
        PrintStream out =
                new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        if (template == null) {
            for (String name : Template.shippedNames()) {
                out.println(name + ":");
                out.println("  "
                        + new String(generator(source(name)).value(0), StandardCharsets.UTF_8).replace("\n", "\n  "));
            }
            out.println("\n'loadgen templates NAME' prints a template's text; 'loadgen run --template NAME' uses it.");
            out.flush();
            return ExitCodes.OK;
        }
        TemplateSource source = source(template);
        if (sample == null) {
            out.print(source.text());
            if (!source.text().endsWith("\n")) out.println();
            out.flush();
            return ExitCodes.OK;
        }
        if (sample < 1 || sample > 1_000_000)
            throw new UsageException("--sample must be from 1 to 1000000, got " + sample);
        if (source.json()) {
            // as run refuses it: a sample must not show as records what a run would not send
            TemplateOptions.compile(source, "")
                    .firstInvalidJson(seed, Template.JSON_CHECK_RECORDS)
                    .ifPresent(problem -> {
                        throw new UsageException(problem);
                    });
        }
        // Each record written as it is made: a million records need not fit in memory.
        TemplateGenerator generator = generator(source);
        for (int i = 0; i < sample; i++) {
            byte[] record = generator.value(i);
            out.write(record, 0, record.length);
            out.write('\n');
        }
        out.flush();
        return ExitCodes.OK;
    }

    private TemplateSource source(String nameOrFile) {
        return TemplateOptions.source("NAME|FILE", nameOrFile, templateFormat);
    }

    private TemplateGenerator generator(TemplateSource source) {
        return new TemplateGenerator(TemplateOptions.compile(source, ""), seed, 0, WallClock.epochNanos());
    }
}
