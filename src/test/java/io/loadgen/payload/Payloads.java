package io.loadgen.payload;

import io.loadgen.spec.Distribution;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.PayloadType;
import java.nio.file.Path;

/** Payload specs for tests: the application's defaults unless a test says otherwise. */
final class Payloads {

    static final int[] UNIFORM = {1, 1, 1, 1};
    static final long SEED = 42;

    private Payloads() {}

    static PayloadSpec seed(int[] weights, int cardinality, KeyStrategy keys, long seed) {
        return new PayloadSpec(
                PayloadType.SEED, Distribution.constant(124), null, null, weights, cardinality, keys, null, seed);
    }

    static PayloadSpec seed() {
        return seed(UNIFORM, 10, KeyStrategy.NONE, SEED);
    }

    static PayloadSpec keys(KeyStrategy keys, int cardinality, long seed) {
        return seed(UNIFORM, cardinality, keys, seed);
    }

    static PayloadSpec fixed(int size, long seed) {
        return new PayloadSpec(
                PayloadType.FIXED, Distribution.constant(size), null, null, UNIFORM, 10, KeyStrategy.NONE, null, seed);
    }

    static PayloadSpec fixed(Distribution sizes, long seed) {
        return new PayloadSpec(PayloadType.FIXED, sizes, null, null, UNIFORM, 10, KeyStrategy.NONE, null, seed);
    }

    /** Seed records with drawn keys: {@code uniform:N} or {@code zipf:N:S}. */
    static PayloadSpec drawnKeys(KeyStrategy keys, Distribution draw, long seed) {
        return new PayloadSpec(PayloadType.SEED, Distribution.constant(124), null, null, UNIFORM, 10, keys, draw, seed);
    }

    static PayloadSpec file(Path file) {
        return new PayloadSpec(
                PayloadType.FILE, Distribution.constant(124), file, null, UNIFORM, 10, KeyStrategy.NONE, null, SEED);
    }
}
