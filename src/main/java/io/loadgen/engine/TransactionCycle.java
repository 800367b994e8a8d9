package io.loadgen.engine;

import io.loadgen.stats.RunStats;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * One sender thread's transactions on its own producer: begins one before its first record, commits it once the
 * commit interval has passed (or at the end of the run), and settles its records through the {@link TransactionLedger}:
 * sent when the commit succeeded, failed when the transaction was aborted or abandoned. A record failing inside a
 * transaction makes the commit fail, so the transaction is ended (aborted) at the next chance rather than at the
 * interval.
 *
 * <p>Errors follow the client's contract ({@code KafkaProducer} Javadoc): fenced, out-of-order and authorization
 * errors are fatal for the producer; a timed-out commit may only be retried; anything else aborts the transaction.
 */
final class TransactionCycle {

    /** A commit that timed out (after max.block.ms) is retried this often before the producer is given up. */
    static final int COMMIT_ATTEMPTS = 3;
    /** Bound on the wait for callbacks after commit or abort returned; the client fires them before it returns. */
    private static final long CALLBACK_WAIT_NANOS = 5_000_000_000L;

    private final Producer<byte[], byte[]> producer;
    private final String transactionalId;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final TransactionLedger ledger;
    private boolean open;
    private long openedAtNanos;
    private long handedOver;
    private boolean mustEnd;

    TransactionCycle(
            Producer<byte[], byte[]> producer,
            String transactionalId,
            long intervalNanos,
            RunStats stats,
            LongSupplier clock) {
        this.producer = producer;
        this.transactionalId = transactionalId;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.ledger = new TransactionLedger(stats);
    }

    /** The ledger the callbacks of the open transaction report to. */
    TransactionLedger ledger() {
        return ledger;
    }

    /** Before each send: begins a transaction unless one is open. */
    void beforeSend() {
        if (open) return;
        try {
            producer.beginTransaction();
        } catch (KafkaException | IllegalStateException e) {
            throw abandon(e, "it cannot begin a transaction");
        }
        open = true;
        openedAtNanos = clock.getAsLong();
        handedOver = 0;
    }

    /** The producer took a record into the open transaction. */
    void handedOver() {
        handedOver++;
    }

    /** A send() call threw: the transaction cannot commit any more, so end it before the next record. */
    void sendFailed() {
        mustEnd = true;
    }

    /** Commits (or aborts) the open transaction when its interval has passed or one of its records failed. */
    void endIfDue() {
        if (open && (mustEnd || ledger.hasFailures() || clock.getAsLong() - openedAtNanos >= intervalNanos)) end();
    }

    /** At the end of the run: commits the open transaction, if any. */
    void finish() {
        if (open) end();
    }

    private void end() {
        open = false;
        mustEnd = false;
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                awaitCallbacks();
                ledger.committed();
                return;
            } catch (TimeoutException e) {
                // The commit may still complete on the coordinator; the client allows only a retry, not an abort.
                if (attempt >= COMMIT_ATTEMPTS) throw abandon(e, "its commit timed out " + attempt + " times");
            } catch (ProducerFencedException
                    | OutOfOrderSequenceException
                    | AuthorizationException
                    | UnsupportedVersionException e) {
                throw abandon(e, "it cannot commit");
            } catch (KafkaException e) {
                abort(e);
                return;
            } catch (IllegalStateException e) {
                throw abandon(e, "it cannot commit"); // closed under us: the run is being stopped by force
            }
        }
    }

    private void abort(KafkaException cause) {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            throw abandon(e, "it cannot abort after " + RunStats.errorType(cause));
        }
        awaitCallbacks();
        ledger.aborted(TransactionLedger.ABORTED);
    }

    /**
     * Gives the producer up: its open transaction's records count as failed under the error's type (the coordinator
     * aborts the transaction once it times out or the id is used again).
     */
    private TransactionFailedException abandon(RuntimeException e, String why) {
        ledger.abandoned(RunStats.errorType(e));
        String m = e.getMessage();
        return new TransactionFailedException(
                "transactional producer " + transactionalId + " gave up, " + why + ": " + RunStats.errorType(e)
                        + (m == null ? "" : ": " + m.lines().findFirst().orElse("")),
                e);
    }

    /** A safety net: the client runs a transaction's callbacks before commit or abort return. */
    private void awaitCallbacks() {
        long deadline = clock.getAsLong() + CALLBACK_WAIT_NANOS;
        while (ledger.settled() < handedOver && clock.getAsLong() < deadline) LockSupport.parkNanos(1_000_000);
    }
}
