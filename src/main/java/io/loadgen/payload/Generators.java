package io.loadgen.payload;

import io.loadgen.spec.PayloadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Builds one generator per sender thread from a payload spec; reads a payload file once for all of them. */
public final class Generators {

    private Generators() {}

    public static Supplier<RecordGenerator> forSpec(PayloadSpec spec, LongSupplier epochNanos) {
        return switch (spec.type()) {
            case SEED -> () -> new SeedLogGenerator(spec, epochNanos);
            case FIXED -> () -> new FixedSizeGenerator(spec);
            case FILE -> {
                try {
                    byte[][] lines = FileLinesGenerator.readLines(spec.file());
                    yield () -> new FileLinesGenerator(lines);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
