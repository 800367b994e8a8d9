package io.loadgen.engine;

import io.loadgen.stats.RunStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the callbacks of one sender's open transaction reported, held until the transaction ends: a record the
 * partition leader acknowledged is not yet sent, since its transaction may still abort. On commit the records move
 * to the run's sent count, on abort to its failed count.
 *
 * <p>Written by the producer's I/O thread (callbacks), settled by the sender thread once commit or abort returned,
 * which the client does only after every callback of the transaction ran.
 */
final class TransactionLedger {

    /** Error type of records the partition leader acknowledged but whose transaction was aborted. */
    static final String ABORTED = "TransactionAbortedException";

    private final LongAdder acked = new LongAdder();
    private final LongAdder ackedBytes = new LongAdder();
    private final LongAdder measuredAcked = new LongAdder();
    private final LongAdder measuredBytes = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** Acknowledged records of the open transaction by partition, under this object's lock. */
    private long[] byPartition = new long[0];
    /** Error type to {records, measured records}; failures are rare, so a lock is cheap enough. */
    private final Map<String, long[]> failures = new HashMap<>();

    private final RunStats stats;
    /** Set when the producer was given up: callbacks still to come count straight as failed under this type. */
    private volatile String abandonedAs;

    TransactionLedger(RunStats stats) {
        this.stats = stats;
    }

    void acked(int partition, int bytes, boolean measured) {
        String abandoned = abandonedAs;
        if (abandoned != null) {
            stats.failed(abandoned, 1, measured ? 1 : 0);
            return;
        }
        if (partition >= 0) {
            synchronized (this) {
                if (partition >= byPartition.length) {
                    byPartition = java.util.Arrays.copyOf(byPartition, Math.max(partition + 1, byPartition.length * 2));
                }
                byPartition[partition]++;
            }
        }
        acked.increment();
        ackedBytes.add(bytes);
        if (measured) {
            measuredAcked.increment();
            measuredBytes.add(bytes);
        }
    }

    void failed(Throwable error, boolean measured) {
        if (abandonedAs != null) {
            stats.failed(error, measured);
            return;
        }
        synchronized (failures) {
            long[] n = failures.computeIfAbsent(RunStats.errorType(error), k -> new long[2]);
            n[0]++;
            if (measured) n[1]++;
        }
        failed.increment();
    }

    /** Records whose callback has run, acknowledged or failed. */
    long settled() {
        return acked.sum() + failed.sum();
    }

    /** Whether a record of the open transaction failed: it can then only abort. */
    boolean hasFailures() {
        return failed.sum() > 0;
    }

    /** The transaction committed: its acknowledged records are sent. */
    void committed() {
        stats.committed(
                acked.sumThenReset(),
                ackedBytes.sumThenReset(),
                measuredAcked.sumThenReset(),
                measuredBytes.sumThenReset(),
                takePartitions());
        moveFailures(); // none when the commit succeeded; moved anyway so that nothing is ever lost from the counts
    }

    /**
     * The transaction did not commit: every record of it failed. Those the leader had acknowledged are counted under
     * {@code ackedErrorType}, the others under their own error.
     */
    void aborted(String ackedErrorType) {
        takePartitions();
        ackedBytes.reset();
        measuredBytes.reset();
        stats.failed(ackedErrorType, acked.sumThenReset(), measuredAcked.sumThenReset());
        moveFailures();
    }

    /**
     * The producer was given up with its transaction open: its records so far, and any whose callback is still to
     * come, fail under {@code errorType}. Nothing of an abandoned transaction is ever counted as sent.
     */
    void abandoned(String errorType) {
        abandonedAs = errorType;
        aborted(errorType);
    }

    private synchronized long[] takePartitions() {
        long[] taken = byPartition;
        byPartition = new long[taken.length];
        return taken;
    }

    private void moveFailures() {
        synchronized (failures) {
            failures.forEach((type, n) -> stats.failed(type, n[0], n[1]));
            failures.clear();
        }
        failed.reset();
    }
}
