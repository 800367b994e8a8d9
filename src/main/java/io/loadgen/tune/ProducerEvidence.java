package io.loadgen.tune;

/**
 * The Kafka producers' own metrics (group {@code producer-metrics}), averaged over the samples taken during a
 * trial's measured window, plus how busy our sender threads were. NaN where a metric was not available.
 *
 * @param bufferWaitRatio        {@code bufferpool-wait-ratio}: share of time send() waited for buffer space
 * @param bufferAvailableShare   {@code buffer-available-bytes / buffer-total-bytes}, the lowest sample
 * @param requestsInFlight       {@code requests-in-flight}, summed over the producers
 * @param inFlightCapacity       what they could have in flight at most: max.in.flight × producers × broker connections
 * @param requestLatencyMillis   {@code request-latency-avg}: produce request sent → response
 * @param throttleMillis         {@code produce-throttle-time-avg}: time the broker throttled us (quotas)
 * @param recordQueueMillis      {@code record-queue-time-avg}: time a batch waited in the client before sending
 * @param ioRatio                {@code io-ratio}: share of time the client's I/O thread was doing I/O
 * @param senderBusy             our sender threads' CPU time / wall time (1.0 = always on a core), averaged
 * @param hostCpuLoad            the whole machine's CPU load, 0..1 (NaN if the JVM cannot tell): sender threads that
 *                               are seldom on a CPU while it is near 1 are starved by other work on the host
 * @param maxInFlight            the trial's max.in.flight.requests.per.connection
 * @param samples                samples averaged
 */
public record ProducerEvidence(
        double bufferWaitRatio,
        double bufferAvailableShare,
        double requestsInFlight,
        double inFlightCapacity,
        double requestLatencyMillis,
        double throttleMillis,
        double recordQueueMillis,
        double ioRatio,
        double senderBusy,
        double hostCpuLoad,
        int maxInFlight,
        int samples) {

    /** requests in flight / capacity, or NaN. */
    public double inFlightShare() {
        return inFlightCapacity > 0 ? requestsInFlight / inFlightCapacity : Double.NaN;
    }
}
