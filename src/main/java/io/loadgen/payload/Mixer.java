package io.loadgen.payload;

/** Cheap, stateless pseudo-randomness: the same seed and position always give the same number. */
final class Mixer {

    private Mixer() {}

    /** SplitMix64's finalizer: a good 64-bit mix of seed and position in a few multiply/shift steps. */
    static long mix(long seed, long position) {
        long z = seed + (position + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A seed of its own for one use of the run's seed: keys and sizes drawn from the same stream would move together
     * (the first draw of each record setting both), so each use mixes in its own tag.
     */
    static long stream(long seed, long tag) {
        return mix(seed, tag);
    }

    /** Tags of {@link #stream}. */
    static final long KEYS = 0x4B455953L; // "KEYS"

    static final long SIZES = 0x53495A45L; // "SIZE"

    /** A uniform number in [0, bound) from a mixed value. */
    static int below(long mixed, int bound) {
        return (int) ((mixed >>> 33) % bound);
    }
}
