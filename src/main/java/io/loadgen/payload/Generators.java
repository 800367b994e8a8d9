package io.loadgen.payload;

import io.loadgen.payload.template.Template;
import io.loadgen.payload.template.TemplateGenerator;
import io.loadgen.spec.PayloadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Builds one generator per sender thread from a payload spec; reads a payload file once for all of them. */
public final class Generators {

    private Generators() {}

    /**
     * One generator per call, each with the wall clock it is given: a sender thread gives its own, whose reading it
     * shares with the send time of the record.
     *
     * @param shard this process's shard index, which a template's {@code {{shard}}} writes
     */
    public static Function<LongSupplier, RecordGenerator> forSpec(PayloadSpec spec, int shard) {
        return switch (spec.type()) {
            case SEED -> epochNanos -> new SeedLogGenerator(spec, epochNanos);
            case FIXED -> epochNanos -> new FixedSizeGenerator(spec);
            case TEMPLATE -> {
                // Compiled once for all threads: the plan is immutable, each thread's generator has its own buffers.
                Template template = Template.compile(
                        spec.template().text(),
                        spec.template().name(),
                        spec.template().json());
                yield epochNanos -> new TemplateGenerator(template, spec.seed(), shard, epochNanos);
            }
            case FILE -> {
                try {
                    byte[][] lines = FileLinesGenerator.readLines(spec.file());
                    yield epochNanos -> new FileLinesGenerator(lines);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
