package io.loadgen.verify;

import io.loadgen.payload.SequenceHeader;
import io.loadgen.stats.LatencyHistograms;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one run's records, as read back from the topic, say about delivery. Each sender numbers its records 0, 1, 2
 * ... in send order ({@link SequenceHeader}), so per sender: a number never seen below the highest one seen is
 * missing, one seen twice is a duplicate, and within one partition a number lower than the previous one from the
 * same sender is reordered. A loss after a sender's highest delivered number (a lost tail: acks=0, or the last
 * batches before a crash) cannot be seen from the topic alone: {@link #bySender(Map)} takes from the run's result how
 * many records each sender handed to the producer, and counts the tail as missing too.
 */
public final class SequenceTracker {

    /** One sender of one shard. */
    public record Sender(int shard, int sender) implements Comparable<Sender> {
        @Override
        public int compareTo(Sender o) {
            return shard != o.shard ? Integer.compare(shard, o.shard) : Integer.compare(sender, o.sender);
        }
    }

    /** The verdict for one sender. */
    public record SenderReport(long received, long duplicates, long reordered, long missing, long highestSequence) {}

    private static final class State {
        final BitSet seen = new BitSet();
        final Map<Integer, Long> lastByPartition = new HashMap<>();
        long received;
        long duplicates;
        long reordered;
        long highest = -1;
    }

    private final Map<Sender, State> senders = new TreeMap<>();
    private final Histogram endToEnd = LatencyHistograms.empty();

    /**
     * @param partition     where the record was read
     * @param endToEndMicros consume time minus the record's timestamp, or negative if unknown
     */
    public void record(int partition, SequenceHeader.Decoded header, long endToEndMicros) {
        State s = senders.computeIfAbsent(new Sender(header.shard(), header.sender()), k -> new State());
        int seq = (int) Math.min(header.sequence(), Integer.MAX_VALUE - 1);
        s.received++;
        if (s.seen.get(seq)) s.duplicates++;
        else s.seen.set(seq);
        Long previous = s.lastByPartition.put(partition, (long) seq);
        if (previous != null && seq < previous) s.reordered++;
        s.highest = Math.max(s.highest, seq);
        if (endToEndMicros >= 0) endToEnd.recordValue(Math.min(endToEndMicros, LatencyHistograms.MAX_LATENCY_MICROS));
    }

    /**
     * @param handed records each sender handed to the producer, as the run's result says: a sender's sequence is that
     *               long, so numbers up to it that never arrived are missing, and a sender of which nothing arrived is
     *               listed with all its records missing
     */
    public Map<Sender, SenderReport> bySender(Map<Sender, Long> handed) {
        Map<Sender, SenderReport> out = new TreeMap<>();
        senders.forEach((k, s) -> {
            long length = Math.max(s.highest + 1, handed.getOrDefault(k, 0L));
            out.put(
                    k,
                    new SenderReport(s.received, s.duplicates, s.reordered, length - s.seen.cardinality(), s.highest));
        });
        handed.forEach((k, n) -> {
            if (n > 0) out.putIfAbsent(k, new SenderReport(0, 0, 0, n, -1));
        });
        return out;
    }

    public Histogram endToEndMicros() {
        return endToEnd.copy();
    }
}
