package io.loadgen.stats;

/**
 * One progress tick.
 *
 * @param elapsedNanos   since sending began
 * @param intervalNanos  since the previous tick
 * @param intervalSent  records acknowledged during the interval
 * @param intervalBytes  their bytes
 * @param snapshot       counters and histograms at the tick
 * @param targetRate     records/s asked for at the tick (it changes under a ramp or steps), 0 when unpaced
 * @param behindSchedule records due by the schedule of --rate but not yet handed to the producer, 0 when unpaced
 * @param sendingStalledNanos how long no record has been handed over although records were due, 0 unless stalled
 * @param acksStalledNanos    how long no record in flight has been acknowledged or failed, 0 unless stalled
 */
public record Progress(
        long elapsedNanos,
        long intervalNanos,
        long intervalSent,
        long intervalBytes,
        RunStats.Snapshot snapshot,
        double targetRate,
        long behindSchedule,
        long sendingStalledNanos,
        long acksStalledNanos) {

    public double intervalRecordsPerSecond() {
        return intervalNanos > 0 ? intervalSent * 1e9 / intervalNanos : 0;
    }

    public double intervalMibPerSecond() {
        return intervalNanos > 0 ? intervalBytes * 1e9 / intervalNanos / (1024.0 * 1024.0) : 0;
    }
}
