package io.loadgen.payload;

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
        return new PayloadSpec(PayloadType.SEED, 124, null, weights, cardinality, keys, seed);
    }

    static PayloadSpec seed() {
        return seed(UNIFORM, 10, KeyStrategy.NONE, SEED);
    }

    static PayloadSpec keys(KeyStrategy keys, int cardinality, long seed) {
        return seed(UNIFORM, cardinality, keys, seed);
    }

    static PayloadSpec fixed(int size, long seed) {
        return new PayloadSpec(PayloadType.FIXED, size, null, UNIFORM, 10, KeyStrategy.NONE, seed);
    }

    static PayloadSpec file(Path file) {
        return new PayloadSpec(PayloadType.FILE, 124, file, UNIFORM, 10, KeyStrategy.NONE, SEED);
    }
}
