package io.loadgen.engine;

import io.loadgen.stats.RunStats;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts one record when Kafka reports its fate: sent only on success. Runs on the client's I/O thread, so it
 * never logs or blocks; one small object per record, no future. A success goes to the producer's
 * {@link RunStats.AckCounter}, whose only writer is that I/O thread; a failure to {@link RunStats}, since the client
 * reports some failures on the sending thread. Inside a transaction the fate goes to the transaction's
 * {@link TransactionLedger} instead: acknowledged is not yet sent until the transaction commits.
 */
final class AckCallback implements Callback {

    private final RunStats stats;
    private final RunStats.AckCounter acks;
    private final LongSupplier clock;
    private final long sentNanos;
    private final long dueNanos;
    private final int bytes;
    private final boolean measured;
    private final TransactionLedger transaction;

    /**
     * @param dueNanos scheduled send time under --rate, or a negative value when not paced
     * @param acks the counter of the producer the record was handed to
     * @param transaction the ledger of the record's open transaction, or {@code null} outside transactions
     */
    AckCallback(
            RunStats stats,
            RunStats.AckCounter acks,
            LongSupplier clock,
            long sentNanos,
            long dueNanos,
            int bytes,
            boolean measured,
            TransactionLedger transaction) {
        this.transaction = transaction;
        this.stats = stats;
        this.acks = acks;
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
            if (transaction == null) {
                acks.sent(metadata.partition(), bytes, measured, now - sentNanos, dueNanos < 0 ? -1 : now - dueNanos);
            } else {
                stats.ackedInTransaction(measured, now - sentNanos, dueNanos < 0 ? -1 : now - dueNanos);
                transaction.acked(metadata.partition(), bytes, measured);
            }
        } else if (transaction == null) {
            stats.failed(exception, measured);
        } else {
            transaction.failed(exception, measured);
        }
    }
}
