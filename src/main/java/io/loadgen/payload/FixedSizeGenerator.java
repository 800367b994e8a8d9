package io.loadgen.payload;

import io.loadgen.spec.PayloadSpec;
import java.util.SplittableRandom;

/**
 * Values of a fixed size made of random upper-case letters, like kafka-producer-perf-test's {@code --record-size},
 * but each record is a different slice of a random pool, so batches do not compress unrealistically well.
 */
public final class FixedSizeGenerator implements RecordGenerator {

    private static final int POOL_BYTES = 1 << 16;

    private final byte[] pool;
    private final byte[] value;
    private final long seed;

    public FixedSizeGenerator(PayloadSpec spec) {
        this.seed = spec.seed();
        this.value = new byte[spec.recordSizeBytes()];
        this.pool = new byte[POOL_BYTES + spec.recordSizeBytes()];
        SplittableRandom random = new SplittableRandom(spec.seed());
        for (int i = 0; i < pool.length; i++) pool[i] = (byte) ('A' + random.nextInt(26));
    }

    @Override
    public byte[] value(long position) {
        int offset = Mixer.below(Mixer.mix(seed, position), POOL_BYTES);
        System.arraycopy(pool, offset, value, 0, value.length);
        return value;
    }
}
