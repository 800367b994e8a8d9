package io.loadgen.engine;

import io.loadgen.payload.KeyGenerator;
import io.loadgen.payload.RecordGenerator;
import io.loadgen.payload.SequenceHeader;
import io.loadgen.stats.RecordShape;
import io.loadgen.stats.RunStats;
import java.util.List;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One sender thread's loop: claim a position, wait for its due time if paced, read the clock once (the send time
 * and the record's timestamp), make the record, hand it to the producer with a callback that counts it when
 * acknowledged. Nothing here blocks except the producer itself when its buffer is full, which is the backpressure
 * we want when unpaced.
 */
final class SenderThread implements Runnable {

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final RecordGenerator values;
    private final KeyGenerator keys;
    private final SequenceClaims.Cursor positions;
    private final Pacer pacer;
    private final WarmupGate warmup;
    private final StopSignal stop;
    private final RunStats stats;
    private final RunStats.SendCounter attempts;
    private final RunStats.AckCounter acks;
    /** Due time to send call, when paced; this thread is its only writer. */
    private final RunStats.ScheduleDelayRecorder scheduleDelay;

    private final LongSupplier clock;
    private final SendClock sendClock;
    private SequenceHeader sequence;
    private List<Header> headers;
    private long sent;
    /** {@link #sent} for other threads (the result's per-sender counts), published without a fence per record. */
    private final java.util.concurrent.atomic.AtomicLong handed = new java.util.concurrent.atomic.AtomicLong();

    /** Sizes of the values this thread handed over; read once the thread has ended. */
    private final Histogram valueSizes = RecordShape.newSizeHistogram();

    private TransactionCycle transactions;
    private TransactionLedger ledger;

    SenderThread(
            String topic,
            Producer<byte[], byte[]> producer,
            RecordGenerator values,
            KeyGenerator keys,
            SequenceClaims.Cursor positions,
            Pacer pacer,
            WarmupGate warmup,
            StopSignal stop,
            RunStats stats,
            RunStats.AckCounter acks,
            SendClock sendClock,
            LongSupplier clock) {
        this.topic = topic;
        this.producer = producer;
        this.values = values;
        this.keys = keys;
        this.positions = positions;
        this.pacer = pacer;
        this.warmup = warmup;
        this.stop = stop;
        this.stats = stats;
        this.attempts = stats.newSendCounter();
        this.acks = acks;
        this.sendClock = sendClock;
        this.scheduleDelay = pacer == null ? null : stats.newScheduleDelayRecorder();
        this.clock = clock;
    }

    /**
     * Adds the {@link SequenceHeader} to every record. The one header object and its array are reused: the client
     * copies header bytes into the batch inside send().
     */
    SenderThread withSequenceHeader(SequenceHeader header) {
        this.sequence = header;
        this.headers = List.of(new RecordHeader(SequenceHeader.KEY, header.next(0)));
        return this;
    }

    /** Sends every record inside a transaction of this thread's own producer, committed on the cycle's interval. */
    SenderThread withTransactions(TransactionCycle cycle) {
        this.transactions = cycle;
        this.ledger = cycle.ledger();
        return this;
    }

    /** Records the producer took from this sender: the length of its sequence, for {@code loadgen verify}. */
    long handed() {
        return handed.get();
    }

    /** Sizes of the values handed to the producer. Single writer: read it only after the thread has ended. */
    Histogram valueSizes() {
        return valueSizes;
    }

    @Override
    public void run() {
        try {
            send();
            if (transactions != null) transactions.finish();
        } catch (TransactionFailedException e) {
            stop.fail(e.getMessage(), clock.getAsLong());
        }
    }

    private void send() {
        boolean measuring = false;
        while (!stop.stopped()) {
            // Before waiting for the next due time, so a paced thread commits on its interval, not a record later.
            if (transactions != null) transactions.endIfDue();
            long due = -1;
            if (pacer != null) {
                due = pacer.awaitNext(stop);
                if (due < 0) break;
            }
            long position = positions.next();
            if (position < 0) break;
            long now = sendClock.read(); // before the value: its timestamp is this reading
            byte[] key = keys.key(position);
            byte[] value = values.value(position);
            boolean measured = warmup.measured(position, now);
            if (measured && !measuring) {
                measuring = true;
                warmup.firstMeasured(now);
            }
            int bytes = value.length + (key == null ? 0 : key.length);
            attempts.count();
            try {
                if (transactions != null) transactions.beforeSend();
                if (sequence != null) sequence.next(sent);
                producer.send(
                        new ProducerRecord<>(topic, null, null, key, value, headers),
                        new AckCallback(stats, acks, clock, now, due, bytes, measured, ledger));
                handed.lazySet(
                        ++sent); // only records the client took: a refused one leaves no gap for verify to report
                valueSizes.recordValue(value.length);
                if (transactions != null) transactions.handedOver();
            } catch (TransactionFailedException e) {
                stats.failed(e.getCause(), measured); // this record never reached the producer
                throw e;
            } catch (RuntimeException e) {
                // The client calls the callback itself for API errors and returns; anything thrown never reached it.
                stats.failed(e, measured);
                if (e instanceof IllegalStateException) break; // producer closed under us: the run is stopping
                if (transactions != null) transactions.sendFailed();
            } finally {
                // Due time to the record in the producer's hands: a send() blocked while the broker is away (no
                // metadata, a full buffer) counts as time behind schedule, not only the wait before the call.
                if (due >= 0 && measured) scheduleDelay.record(clock.getAsLong() - due);
            }
        }
    }
}
