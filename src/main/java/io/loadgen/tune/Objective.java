package io.loadgen.tune;

/** What the tuner optimises. */
public sealed interface Objective {

    /** The most acknowledged records/s, unpaced. */
    record MaxThroughput() implements Objective {}

    /**
     * The highest target rate whose p99 latency from the intended send time stays within the limit, with every
     * record acknowledged and the rate actually achieved.
     */
    record LatencySlo(double p99Millis) implements Objective {}

    Objective MAX_THROUGHPUT = new MaxThroughput();

    default String describe() {
        return this instanceof LatencySlo s
                ? String.format(
                        java.util.Locale.ROOT,
                        "highest rate with p99 <= %s ms (from the intended send time)",
                        TrialRun.millis(s.p99Millis()))
                : "maximum throughput";
    }
}
