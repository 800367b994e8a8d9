package io.loadgen.payload;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The random numbers of one record: a SplitMix64 stream started from the run's seed and the record's position, so a
 * record's draws are the same whichever thread or shard makes it, and a run can be reproduced. One per sender thread
 * (mutable, not thread-safe); {@link #reset} before each record. The samplers of commons-rng draw from it through the
 * interface's default methods, which all derive from {@link #nextLong()}.
 */
public final class RecordRandom implements UniformRandomProvider {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A stream for the seed alone (position 0 until the first {@link #reset}). */
    public RecordRandom(long seed) {
        reset(seed, 0);
    }

    /** Starts the stream of the record at {@code position}. */
    public void reset(long seed, long position) {
        state = Mixer.mix(seed, position);
    }

    @Override
    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
