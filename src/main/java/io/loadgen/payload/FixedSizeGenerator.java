package io.loadgen.payload;

import io.loadgen.spec.Distribution;
import io.loadgen.spec.PayloadSpec;
import java.util.SplittableRandom;

/**
 * Values of random upper-case letters, like kafka-producer-perf-test's {@code --record-size}, but each record is a
 * different slice of a random pool, so batches do not compress unrealistically well. The size is one number or drawn
 * per record from a distribution ({@code 200..4000}, {@code lognormal:MEAN:SIGMA}), as real payloads vary.
 */
public final class FixedSizeGenerator implements RecordGenerator {

    private static final int POOL_BYTES = 1 << 16;
    /**
     * The pool holds 64 KiB of offsets plus the largest value up to this: a value longer than the pool repeats it,
     * which a compressor with a window that large (zstd) would find, so only values beyond 8 MiB repeat.
     */
    private static final int MAX_SPAN = 8 << 20;

    private final byte[] pool;
    private final long seed;
    private final long sizeSeed;
    private final byte[] fixedValue;
    private final RecordRandom draws;
    private final Sampler sizes;
    private final LengthKeyedBuffers buffers;

    public FixedSizeGenerator(PayloadSpec spec) {
        this.seed = spec.seed();
        this.sizeSeed = Mixer.stream(seed, Mixer.SIZES);
        Distribution size = spec.recordSize();
        boolean one = size.lowest() == size.highest();
        this.fixedValue = one ? new byte[spec.largestRecordBytes()] : null;
        this.draws = one ? null : new RecordRandom(sizeSeed);
        this.sizes = one ? null : new Sampler(size, draws, 1, PayloadSpec.MAX_RECORD_BYTES);
        this.buffers = one ? null : new LengthKeyedBuffers();
        this.pool = new byte[POOL_BYTES + Math.min(spec.largestRecordBytes(), MAX_SPAN)];
        SplittableRandom random = new SplittableRandom(spec.seed());
        for (int i = 0; i < pool.length; i++) pool[i] = (byte) ('A' + random.nextInt(26));
    }

    @Override
    public byte[] value(long position) {
        byte[] value;
        if (fixedValue != null) {
            value = fixedValue;
        } else {
            draws.reset(sizeSeed, position);
            value = buffers.get((int) sizes.nextLong());
        }
        int offset = Mixer.below(Mixer.mix(seed, position), POOL_BYTES);
        // A value longer than what follows its offset takes the pool again from its start.
        for (int at = 0; at < value.length; ) {
            int n = Math.min(value.length - at, pool.length - offset);
            System.arraycopy(pool, offset, value, at, n);
            at += n;
            offset = 0;
        }
        return value;
    }
}
