package io.loadgen.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Live counters of a run, written by sender threads and the Kafka client's I/O threads at millions of updates a
 * second, no locks on the write path. The hot paths have counters of their own, each with a single writer, so a
 * record costs plain stores rather than atomic updates: a sender thread counts its send calls in its
 * {@link SendCounter}, and a producer's I/O thread, which runs the callback of every record the broker acknowledged,
 * counts them in that producer's {@link AckCounter}. Everything else (failures, which any thread may report,
 * committed transactions) goes to {@link LongAdder}s and HdrHistogram {@link Recorder}s. Readers add them up.
 * Only the acknowledgement callback counts a record as sent.
 *
 * <p>Two kinds of reader take the recorded latencies, each at its own pace: the progress ticker wants what happened
 * since its previous tick ({@link #snapshot()}), a metrics scrape wants everything so far ({@link #readTotals}).
 * Both first <em>fold</em>: move what the recorders collected into the cumulative histograms and into a pending
 * interval, which only {@link #snapshot()} hands out and clears. So a scrape never takes a progress line's data.
 */
public final class RunStats {

    private final LongAdder attempted = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder measuredSent = new LongAdder();
    private final LongAdder measuredBytes = new LongAdder();
    private final LongAdder measuredFailed = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
    private final PartitionTally partitions = new PartitionTally();
    private final Recorder sendToAckLatency = newRecorder();
    private final Recorder intendedLatency = newRecorder();
    /** One per paced sender thread: schedule delay is recorded on the sending thread, so no two threads share one. */
    private final List<ScheduleDelayRecorder> scheduleDelays = new CopyOnWriteArrayList<>();

    private final List<SendCounter> sendCounters = new CopyOnWriteArrayList<>();
    private final List<AckCounter> ackCounters = new CopyOnWriteArrayList<>();
    /**
     * Set when the run stops waiting for records in flight: a callback after it (the producer failing its records as it
     * is closed) changes nothing, so those records stay unconfirmed rather than turning into failures after the fact.
     */
    private volatile boolean sealed;

    private volatile long unconfirmed;
    // Written by the engine's schedule watch (every 100 ms), read by metrics scrapes.
    private volatile long behindSchedule;
    private volatile long sendingStalledNanos;

    // Everything below is touched only under this object's lock, by fold() and the readers.
    private final Folded ack = new Folded();
    private final Folded intended = new Folded();
    private final Folded scheduleDelay = new Folded();
    private Histogram ackScratch;
    private Histogram intendedScratch;

    public void attempted() {
        attempted.increment();
    }

    /** The send calls of one sender thread: only that thread may count into it. */
    public SendCounter newSendCounter() {
        SendCounter c = new SendCounter();
        sendCounters.add(c);
        return c;
    }

    /**
     * The acknowledgements of one producer: only its I/O thread may count into it, which is where the client runs the
     * callback of every record the broker acknowledged. Failures go to {@link #failed(Throwable, boolean)}: the
     * client reports some of them on the sending thread.
     */
    public AckCounter newAckCounter() {
        AckCounter c = new AckCounter(this);
        ackCounters.add(c);
        return c;
    }

    /**
     * A record sent: the broker acknowledged it (with acks=0: the client wrote it to the network).
     *
     * @param measured        false during warm-up: counted as sent, left out of rates and latencies
     * @param ackNanos        send call to acknowledgement
     * @param intendedNanos   scheduled send time to acknowledgement, or a negative value when not paced
     */
    public void sent(int bytes, boolean measured, long ackNanos, long intendedNanos) {
        sent(-1, bytes, measured, ackNanos, intendedNanos);
    }

    /**
     * {@link #sent(int, boolean, long, long)} on a partition: counted there under the same seal, so the records per
     * partition add up to the records sent.
     *
     * @param partition the partition it was acknowledged on (with acks=0: written to); negative when not known
     */
    public void sent(int partition, int bytes, boolean measured, long ackNanos, long intendedNanos) {
        if (sealed) return;
        partitions.add(partition);
        sent.increment();
        sentBytes.add(bytes);
        if (measured) {
            measuredSent.increment();
            measuredBytes.add(bytes);
            sendToAckLatency.recordValue(LatencyHistograms.clampMicros(ackNanos));
            if (intendedNanos >= 0) intendedLatency.recordValue(LatencyHistograms.clampMicros(intendedNanos));
        }
    }

    /** Records acknowledged per partition so far, index = partition, at least {@code partitions} long. */
    public long[] perPartition(int partitions) {
        long[] counts = this.partitions.snapshot(partitions);
        for (AckCounter c : ackCounters) counts = c.addPartitionsTo(counts);
        return counts;
    }

    /**
     * The latencies of a record acknowledged inside a transaction. It is not counted as sent here: it may still be
     * aborted, and only {@link #committed} counts it.
     */
    public void ackedInTransaction(boolean measured, long ackNanos, long intendedNanos) {
        if (measured) {
            sendToAckLatency.recordValue(LatencyHistograms.clampMicros(ackNanos));
            if (intendedNanos >= 0) intendedLatency.recordValue(LatencyHistograms.clampMicros(intendedNanos));
        }
    }

    /** Records of a committed transaction, now sent; their latencies were recorded by {@link #ackedInTransaction}. */
    public void committed(long records, long bytes, long measuredRecords, long bytesMeasured) {
        committed(records, bytes, measuredRecords, bytesMeasured, new long[0]);
    }

    /** @param perPartition the committed records by partition number, which add up to {@code records} */
    public void committed(long records, long bytes, long measuredRecords, long bytesMeasured, long[] perPartition) {
        if (sealed) return;
        for (int p = 0; p < perPartition.length; p++) partitions.add(p, perPartition[p]);
        sent.add(records);
        sentBytes.add(bytes);
        measuredSent.add(measuredRecords);
        measuredBytes.add(bytesMeasured);
    }

    /** Records that will never be acknowledged (an aborted transaction's), counted under {@code errorType}. */
    public void failed(String errorType, long records, long measuredRecords) {
        if (records <= 0 || sealed) return;
        failed.add(records);
        measuredFailed.add(measuredRecords);
        errorsByType.computeIfAbsent(errorType, k -> new LongAdder()).add(records);
    }

    /**
     * A record that will never be acknowledged, counted under its exception's class name.
     *
     * @param measured false for a record sent during warm-up: it counts as failed, but not against the error-rate gate
     */
    public void failed(Throwable error, boolean measured) {
        if (sealed) return;
        failed.increment();
        if (measured) measuredFailed.increment();
        errorsByType.computeIfAbsent(errorType(error), k -> new LongAdder()).increment();
    }

    public static String errorType(Throwable error) {
        return error == null ? "unknown" : error.getClass().getSimpleName();
    }

    /**
     * A recorder of the delay from a record's due time to its send call, for one paced sender thread. Single writer:
     * only that thread may record into it.
     */
    public ScheduleDelayRecorder newScheduleDelayRecorder() {
        ScheduleDelayRecorder r = new ScheduleDelayRecorder();
        scheduleDelays.add(r);
        return r;
    }

    public long sent() {
        return sum(sent, AckCounter::sent);
    }

    public long failed() {
        return failed.sum();
    }

    public long sentBytes() {
        return sum(sentBytes, AckCounter::bytes);
    }

    private long measuredSent() {
        return sum(measuredSent, AckCounter::measuredSent);
    }

    private long measuredBytes() {
        return sum(measuredBytes, AckCounter::measuredBytes);
    }

    /** A figure counted both on a shared adder and in each producer's {@link AckCounter}. */
    private long sum(LongAdder shared, ToLongFunction<AckCounter> perProducer) {
        long n = shared.sum();
        for (AckCounter c : ackCounters) n += perProducer.applyAsLong(c);
        return n;
    }

    public long inFlight() {
        long done = sent() + failed();
        return Math.max(0, attemptedCount() - done);
    }

    /** Failed records by error type, at this moment. */
    public Map<String, Long> errors() {
        Map<String, Long> errors = new TreeMap<>();
        errorsByType.forEach((k, v) -> errors.put(k, v.sum()));
        return errors;
    }

    /** Records handed to the producer so far (each send call), whatever became of them. */
    public long attemptedCount() {
        long n = attempted.sum();
        for (SendCounter c : sendCounters) n += c.attempted();
        return n;
    }

    /**
     * The final snapshot: from now on the counters do not change, and the records still in flight are unconfirmed.
     * Called once, when the run stops waiting for them.
     */
    public synchronized Snapshot seal() {
        sealed = true;
        Snapshot s = snapshot();
        unconfirmed = s.inFlight();
        return s;
    }

    /** Records in flight when the run stopped waiting for them (0 until then, and for a run that drained). */
    public long unconfirmed() {
        return unconfirmed;
    }

    /** The schedule watch's latest reading: records due but not handed over, and the time sending stalled so far. */
    public void schedule(long behindRecords, long stalledNanos) {
        this.behindSchedule = behindRecords;
        this.sendingStalledNanos = stalledNanos;
    }

    public long behindSchedule() {
        return behindSchedule;
    }

    public long sendingStalledNanos() {
        return sendingStalledNanos;
    }

    /**
     * Counters plus the latency histograms recorded since the previous snapshot and over the whole run. Meant for
     * one reporter (progress ticks, then the final result): each call starts a new interval.
     */
    public synchronized Snapshot snapshot() {
        fold();
        // Read in the reverse order of writing: an acknowledgement counts sent before measured, a failure failed before
        // measuredFailed, and every record was counted as a send call before its fate. So a snapshot never has more
        // measured than sent, nor more records done than handed over.
        long measuredFailed = this.measuredFailed.sum();
        long measuredSent = measuredSent();
        long measuredBytes = measuredBytes();
        long sent = sent();
        long sentBytes = sentBytes();
        long failed = this.failed.sum();
        Snapshot s = new Snapshot(
                attemptedCount(),
                sent,
                sentBytes,
                failed,
                measuredSent,
                measuredBytes,
                measuredFailed,
                errors(),
                ack.pending.copy(),
                intended.pending.copy(),
                scheduleDelay.pending.copy(),
                ack.total.copy(),
                intended.total.copy(),
                scheduleDelay.total.copy());
        ack.pending.reset();
        intended.pending.reset();
        scheduleDelay.pending.reset();
        return s;
    }

    /**
     * Lets {@code reader} look at the cumulative latency histograms, without copying them and without disturbing the
     * progress intervals. The reader runs under this object's lock and must not keep the histograms.
     */
    public synchronized <T> T readTotals(Function<Totals, T> reader) {
        fold();
        return reader.apply(new Totals(ack.total, intended.total, scheduleDelay.total));
    }

    /** Cumulative latency histograms, microseconds, measured records only. */
    public record Totals(Histogram sendToAck, Histogram intended, Histogram scheduleDelay) {}

    private void fold() {
        ackScratch = sendToAckLatency.getIntervalHistogram(ackScratch);
        ack.add(ackScratch);
        intendedScratch = intendedLatency.getIntervalHistogram(intendedScratch);
        intended.add(intendedScratch);
        for (AckCounter c : ackCounters) {
            c.ackScratch = c.latency.getIntervalHistogram(c.ackScratch);
            ack.add(c.ackScratch);
            c.intendedScratch = c.intended.getIntervalHistogram(c.intendedScratch);
            intended.add(c.intendedScratch);
        }
        for (ScheduleDelayRecorder r : scheduleDelays) {
            r.scratch = r.recorder.getIntervalHistogram(r.scratch);
            scheduleDelay.add(r.scratch);
        }
    }

    private static Recorder newRecorder() {
        return new Recorder(LatencyHistograms.MAX_LATENCY_MICROS, LatencyHistograms.SIGNIFICANT_DIGITS);
    }

    /** A latency's cumulative histogram and what was folded into it since the last {@link #snapshot()}. */
    private static final class Folded {
        final Histogram total = LatencyHistograms.empty();
        final Histogram pending = LatencyHistograms.empty();

        void add(Histogram interval) {
            total.add(interval);
            pending.add(interval);
        }
    }

    /**
     * Unused slots (two cache lines, as the JDK's {@code @Contended} pads) at each end of the arrays that hold the
     * counts of a {@link SendCounter} or an {@link AckCounter}: their writers store to them for every record, and
     * nothing another thread writes may share their cache line. Without it, in runs where the garbage collector
     * happened to copy the sender's counts next to the I/O thread's, both threads ran slower from start to end, most
     * likely taking turns to own one line (bench/README.md, "Counters on lines of their own"). Arrays rather than
     * padding fields: a native image drops fields that nothing reads.
     */
    private static final int PAD = 16;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** A padded array of {@code n} counts: count {@code i} is at {@code PAD + i}. */
    private static long[] paddedCounts(int n) {
        return new long[PAD + n + PAD];
    }

    /**
     * See {@link #newSendCounter()}. One writer, so a count is a plain load and an ordered store (no atomic
     * read-modify-write), which readers on other threads see shortly after.
     */
    public static final class SendCounter {
        private static final int ATTEMPTED = PAD;
        private final long[] counts = paddedCounts(1);

        private SendCounter() {}

        /** A send call: the record was handed to the producer, whatever becomes of it. */
        public void count() {
            SLOT.setRelease(counts, ATTEMPTED, counts[ATTEMPTED] + 1);
        }

        long attempted() {
            return (long) SLOT.getAcquire(counts, ATTEMPTED);
        }
    }

    /**
     * See {@link #newAckCounter()}. One writer, the producer's I/O thread: counts are plain loads and ordered stores,
     * the latencies go to {@link SingleWriterRecorder}s (no atomic increment of the histogram's counts), and records
     * per partition to a padded array of its own that it grows when a partition beyond it is first seen.
     */
    public static final class AckCounter {
        private static final int SENT = PAD;
        private static final int BYTES = PAD + 1;
        private static final int MEASURED_SENT = PAD + 2;
        private static final int MEASURED_BYTES = PAD + 3;

        private final RunStats stats;
        private final long[] counts = paddedCounts(4);
        private volatile long[] partitions = paddedCounts(0);
        private final SingleWriterRecorder latency = newSingleWriterRecorder();
        private final SingleWriterRecorder intended = newSingleWriterRecorder();
        private Histogram ackScratch; // reused by fold(), under the RunStats lock
        private Histogram intendedScratch;

        private AckCounter(RunStats stats) {
            this.stats = stats;
        }

        /** {@link RunStats#sent(int, int, boolean, long, long)}, on the producer's I/O thread. */
        public void sent(int partition, int recordBytes, boolean measured, long ackNanos, long intendedNanos) {
            if (stats.sealed) return;
            if (partition >= 0) {
                long[] p = partitions;
                int slot = PAD + partition;
                if (slot >= p.length - PAD) p = grow(partition);
                SLOT.setRelease(p, slot, p[slot] + 1);
            }
            long[] c = counts;
            SLOT.setRelease(c, SENT, c[SENT] + 1);
            SLOT.setRelease(c, BYTES, c[BYTES] + recordBytes);
            if (measured) {
                SLOT.setRelease(c, MEASURED_SENT, c[MEASURED_SENT] + 1);
                SLOT.setRelease(c, MEASURED_BYTES, c[MEASURED_BYTES] + recordBytes);
                latency.recordValue(LatencyHistograms.clampMicros(ackNanos));
                if (intendedNanos >= 0) intended.recordValue(LatencyHistograms.clampMicros(intendedNanos));
            }
        }

        private long[] grow(int partition) {
            long[] old = partitions;
            int counted = old.length - 2 * PAD;
            long[] grown = paddedCounts(Math.max(partition + 1, counted * 2));
            System.arraycopy(old, PAD, grown, PAD, counted);
            partitions = grown; // the volatile write publishes the copied counts with the array
            return grown;
        }

        long sent() {
            return (long) SLOT.getAcquire(counts, SENT);
        }

        long bytes() {
            return (long) SLOT.getAcquire(counts, BYTES);
        }

        long measuredSent() {
            return (long) SLOT.getAcquire(counts, MEASURED_SENT);
        }

        long measuredBytes() {
            return (long) SLOT.getAcquire(counts, MEASURED_BYTES);
        }

        /** {@code sums} plus this producer's records per partition, grown if this one saw a higher partition. */
        long[] addPartitionsTo(long[] sums) {
            long[] p = partitions;
            int highest = -1;
            for (int i = 0; i < p.length - 2 * PAD; i++) if ((long) SLOT.getAcquire(p, PAD + i) > 0) highest = i;
            long[] out = highest < sums.length ? sums : java.util.Arrays.copyOf(sums, highest + 1);
            for (int i = 0; i <= highest; i++) out[i] += (long) SLOT.getAcquire(p, PAD + i);
            return out;
        }
    }

    private static SingleWriterRecorder newSingleWriterRecorder() {
        return new SingleWriterRecorder(LatencyHistograms.MAX_LATENCY_MICROS, LatencyHistograms.SIGNIFICANT_DIGITS);
    }

    /** See {@link #newScheduleDelayRecorder()}. */
    public static final class ScheduleDelayRecorder {
        private final SingleWriterRecorder recorder = newSingleWriterRecorder();
        private Histogram scratch; // reused by fold(), under the RunStats lock

        private ScheduleDelayRecorder() {}

        /** @param delayNanos from the record's due time to its send call */
        public void record(long delayNanos) {
            recorder.recordValue(LatencyHistograms.clampMicros(delayNanos));
        }
    }

    /**
     * Counters at one moment, with the latency histograms (microseconds) of the last interval and of the whole run.
     *
     * @param measuredFailed failed records that were sent after warm-up
     */
    public record Snapshot(
            long attempted,
            long sent,
            long sentBytes,
            long failed,
            long measuredSent,
            long measuredBytes,
            long measuredFailed,
            Map<String, Long> errors,
            Histogram intervalSendToAck,
            Histogram intervalIntended,
            Histogram intervalScheduleDelay,
            Histogram totalSendToAck,
            Histogram totalIntended,
            Histogram totalScheduleDelay) {

        public long inFlight() {
            return Math.max(0, attempted - sent - failed);
        }
    }
}
