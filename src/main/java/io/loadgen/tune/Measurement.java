package io.loadgen.tune;

/**
 * What one trial achieved over its measured window (after warm-up).
 *
 * @param ok                    false when the trial could not run at all ({@code failure} says why)
 * @param failure               why it could not run, one line; null when ok
 * @param recordsPerSecond      acknowledged records/s
 * @param mibPerSecond          acknowledged MiB/s (record values and keys)
 * @param p99Millis             p99 latency: from the intended send time when paced, send→ack otherwise; NaN if nothing
 *                              was measured
 * @param cpuSecondsPerMillion  process CPU seconds per million acknowledged records; NaN when the JVM cannot say
 * @param sent                  records acknowledged in the measured window
 * @param errors                records that failed in the measured window
 * @param evidence              the producers' own metrics over the measured window, for the bottleneck verdict;
 *                              null when not sampled
 */
public record Measurement(
        boolean ok,
        String failure,
        double recordsPerSecond,
        double mibPerSecond,
        double p99Millis,
        double cpuSecondsPerMillion,
        long sent,
        long errors,
        ProducerEvidence evidence) {

    public static Measurement failed(String why) {
        return new Measurement(false, why, 0, 0, Double.NaN, Double.NaN, 0, 0, null);
    }

    /** Ran, and every measured record was acknowledged. */
    public boolean clean() {
        return ok && errors == 0 && sent > 0;
    }
}
