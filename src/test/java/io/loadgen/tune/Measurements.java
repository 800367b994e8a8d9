package io.loadgen.tune;

/** Measurements for tests of the search, from a trial function that only knows throughput and latency. */
final class Measurements {

    private Measurements() {}

    /** A clean trial: 124-byte records, every one acknowledged, CPU time unknown, no producer evidence. */
    static Measurement of(double recordsPerSecond, double p99Millis) {
        return new Measurement(
                true,
                null,
                recordsPerSecond,
                recordsPerSecond * 124 / 1048576.0,
                p99Millis,
                Double.NaN,
                Math.round(recordsPerSecond),
                0,
                null);
    }
}
