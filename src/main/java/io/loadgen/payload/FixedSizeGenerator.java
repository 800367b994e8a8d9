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

    private final byte[] pool;
    private final long seed;
    /** One size for every record, or -1 when {@link #sizes} draws each one. */
    private final int fixedSize;

    private final byte[] fixedValue;
    private final RecordRandom draws;
    private final Sampler sizes;
    private final LengthKeyedBuffers buffers;

    public FixedSizeGenerator(PayloadSpec spec) {
        this.seed = spec.seed();
        Distribution size = spec.recordSize();
        boolean one = size.lowest() == size.highest();
        this.fixedSize = one ? spec.largestRecordBytes() : -1;
        this.fixedValue = one ? new byte[fixedSize] : null;
        this.draws = one ? null : new RecordRandom(seed);
        this.sizes = one ? null : new Sampler(size, draws, 1, PayloadSpec.MAX_RECORD_BYTES);
        this.buffers = one ? null : new LengthKeyedBuffers();
        this.pool = new byte[POOL_BYTES * 2];
        SplittableRandom random = new SplittableRandom(spec.seed());
        for (int i = 0; i < pool.length; i++) pool[i] = (byte) ('A' + random.nextInt(26));
    }

    @Override
    public byte[] value(long position) {
        byte[] value;
        if (fixedValue != null) {
            value = fixedValue;
        } else {
            draws.reset(~seed, position);
            value = buffers.get((int) sizes.nextLong());
        }
        int offset = Mixer.below(Mixer.mix(seed, position), POOL_BYTES);
        // A value longer than the pool's second half takes the pool again from its start.
        for (int at = 0; at < value.length; ) {
            int n = Math.min(value.length - at, pool.length - offset);
            System.arraycopy(pool, offset, value, at, n);
            at += n;
            offset = 0;
        }
        return value;
    }
}
