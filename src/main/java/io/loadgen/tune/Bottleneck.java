package io.loadgen.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What held a trial back, judged from the producer's own metrics, with the numbers that support it.
 *
 * @param kind     the verdict
 * @param evidence the numbers, as sentences a user can check against {@code /q/metrics}
 * @param advice   what to try next, one line
 */
public record Bottleneck(Kind kind, List<String> evidence, String advice) {

    public enum Kind {
        /** The client waited for buffer space: records were made faster than they left. */
        BUFFER_BOUND("buffer-bound"),
        /** Every request the client may have in flight was in flight. */
        IN_FLIGHT_BOUND("in-flight-bound"),
        /** The broker set the pace: it throttled us, or answered slowly with every allowed request outstanding. */
        BROKER_BOUND("broker-bound"),
        /** The client had room and capacity: our sender threads were the limit. */
        GENERATOR_BOUND("generator-bound"),
        /** A paced trial that kept up: the target rate, not a resource, set the pace. */
        RATE_BOUND("rate-bound (paced)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A share of the in-flight capacity above this counts as saturated. */
    static final double IN_FLIGHT_SATURATED = 0.8;
    /** send() waiting for buffer space this share of the time means the buffer is the limit. */
    static final double BUFFER_WAIT_BOUND = 0.05;
    /** Less than this share of the buffer free at some point during the window also counts as a full buffer. */
    static final double BUFFER_NEARLY_FULL = 0.1;
    /** Sender threads on a CPU less than this share of the time were mostly waiting for one... */
    static final double STARVED = 0.5;
    /** ...when the host's CPUs were at least this busy. */
    static final double HOST_SATURATED = 0.9;
    /** The highest max.in.flight that keeps idempotence; above it the user's durability would change. */
    static final int MAX_IN_FLIGHT_WITH_IDEMPOTENCE = 5;

    /**
     * The verdict, checked in the order a slow pipeline backs up: broker throttling, then the in-flight window,
     * then the buffer behind it, else the threads that feed it.
     *
     * @param paced        the trial ran at a target rate
     * @param keptUp       it achieved (nearly) that rate
     */
    public static Bottleneck judge(ProducerEvidence e, boolean paced, boolean keptUp) {
        List<String> facts = new ArrayList<>();
        if (e == null || e.samples() == 0) {
            return new Bottleneck(
                    paced && keptUp ? Kind.RATE_BOUND : Kind.GENERATOR_BOUND,
                    List.of("no producer metrics were sampled in the measured window"),
                    "run longer trials (--trial-time)");
        }
        if (e.throttleMillis() > 0) {
            facts.add(fmt(
                    "produce-throttle-time-avg %.1f ms: the broker throttles this client (a quota)",
                    e.throttleMillis()));
            facts.add(fmt("request-latency-avg %.1f ms", e.requestLatencyMillis()));
            return new Bottleneck(
                    Kind.BROKER_BOUND, facts, "raise the client's quota, or spread the load over more client ids");
        }
        double inFlight = e.inFlightShare();
        String inFlightFact = fmt(
                "requests-in-flight %.2f of at most %.0f (%.0f%%)",
                e.requestsInFlight(), e.inFlightCapacity(), 100 * inFlight);
        if (inFlight >= IN_FLIGHT_SATURATED) {
            facts.add(inFlightFact);
            facts.add(fmt("request-latency-avg %.1f ms", e.requestLatencyMillis()));
            bufferFacts(e, facts);
            if (e.maxInFlight() < MAX_IN_FLIGHT_WITH_IDEMPOTENCE) {
                return new Bottleneck(
                        Kind.IN_FLIGHT_BOUND,
                        facts,
                        "raise max.in.flight (up to 5 keeps idempotence) or batch.size, so more bytes travel per round trip");
            }
            return new Bottleneck(
                    Kind.BROKER_BOUND,
                    facts,
                    "every allowed request waits for the broker: more partitions or brokers, faster disks, or larger batches");
        }
        if (e.bufferWaitRatio() >= BUFFER_WAIT_BOUND || e.bufferAvailableShare() < BUFFER_NEARLY_FULL) {
            bufferFacts(e, facts);
            facts.add(inFlightFact);
            if (!Double.isNaN(e.ioRatio()))
                facts.add(fmt("client I/O thread doing I/O %.0f%% of the time (io-ratio)", 100 * e.ioRatio()));
            facts.add(fmt("record-queue-time-avg %.1f ms", e.recordQueueMillis()));
            return new Bottleneck(
                    Kind.BUFFER_BOUND,
                    facts,
                    "records are made faster than they leave: a cheaper codec, larger batches, or more producers (each has its own I/O thread)");
        }
        if (paced && keptUp) {
            facts.add("the trial kept up with its target rate");
            bufferFacts(e, facts);
            facts.add(inFlightFact);
            return new Bottleneck(
                    Kind.RATE_BOUND, facts, "the rate was chosen by the latency objective, not by a limit");
        }
        if (!Double.isNaN(e.senderBusy()))
            facts.add(fmt("sender threads on a CPU %.0f%% of the time", 100 * e.senderBusy()));
        if (!Double.isNaN(e.hostCpuLoad())) facts.add(fmt("host CPU %.0f%% busy", 100 * e.hostCpuLoad()));
        bufferFacts(e, facts);
        facts.add(inFlightFact);
        // Nothing in the client blocks send() while the buffer has room, so sender threads that are seldom on a CPU
        // were waiting for one: the host's cores are taken (by a broker on the same machine, say).
        boolean starved = e.senderBusy() < STARVED && e.hostCpuLoad() >= HOST_SATURATED;
        return new Bottleneck(
                Kind.GENERATOR_BOUND,
                facts,
                starved
                        ? "the sender threads were starved of CPU by other work on this host: give the load generator its own cores or machine"
                        : "the client had room: more sender threads if there are idle cores, or a cheaper payload or codec");
    }

    private static void bufferFacts(ProducerEvidence e, List<String> facts) {
        facts.add(fmt("bufferpool-wait-ratio %.3f (send() waiting for buffer space)", e.bufferWaitRatio()));
        if (!Double.isNaN(e.bufferAvailableShare())) {
            facts.add(fmt(
                    "buffer at least %.0f%% free (buffer-available-bytes / buffer-total-bytes, lowest sample)",
                    100 * e.bufferAvailableShare()));
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
