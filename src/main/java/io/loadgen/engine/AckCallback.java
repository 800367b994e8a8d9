package io.loadgen.engine;

import io.loadgen.stats.RunStats;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.function.LongSupplier;

/**
 * Counts one record when Kafka reports its fate: sent only on success. Runs on the client's I/O thread, so it
 * never logs or blocks; one small object per record, no future.
 */
final class AckCallback implements Callback {

    private final RunStats stats;
    private final LongSupplier clock;
    private final long sentNanos;
    private final long dueNanos;
    private final int bytes;
    private final boolean measured;

    /**
     * @param dueNanos scheduled send time under --rate, or a negative value when not paced
     */
    AckCallback(RunStats stats, LongSupplier clock, long sentNanos, long dueNanos, int bytes, boolean measured) {
        this.stats = stats;
        this.clock = clock;
        this.sentNanos = sentNanos;
        this.dueNanos = dueNanos;
        this.bytes = bytes;
        this.measured = measured;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            long now = clock.getAsLong();
            stats.acked(bytes, measured, now - sentNanos, dueNanos < 0 ? -1 : now - dueNanos);
        } else {
            stats.failed(exception, measured);
        }
    }
}
