package io.loadgen.payload.template;

/** Powers of ten as longs, for fixed-point decimals and fractions of a second. */
final class Pow10 {

    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) POWERS[i] = POWERS[i - 1] * 10;
    }

    private Pow10() {}

    static long of(int exponent) {
        return POWERS[exponent];
    }
}
