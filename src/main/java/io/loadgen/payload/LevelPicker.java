package io.loadgen.payload;

/** Picks a level index by weight, deterministically from the seed and the record's position. */
final class LevelPicker {

    private final int[] cumulative;
    private final int total;
    private final long seed;

    LevelPicker(int[] weights, long seed) {
        this.cumulative = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        this.total = sum;
        this.seed = seed;
    }

    int pick(long position) {
        int r = Mixer.below(Mixer.mix(seed, position), total);
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) return i;
        }
        return cumulative.length - 1;
    }
}
