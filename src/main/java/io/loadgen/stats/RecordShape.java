package io.loadgen.stats;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * What a workload's shape did: how big its record values were and how its records spread over the topic's
 * partitions. Hot keys and record sizes drive batching, compression and partition balance, so a run shows them.
 *
 * @param valueBytes   sizes of the record values made and handed to the producer, in bytes
 * @param perPartition records acknowledged per partition, index = partition number; as long as the topic's partition
 *                     count when it was known, so partitions that got nothing count in the mean. Inside transactions
 *                     a record counts when acknowledged, before its transaction commits or aborts
 */
public record RecordShape(Histogram valueBytes, long[] perPartition) {

    /** Highest value size a histogram tracks: above loadgen's largest --record-size and Kafka's message limits. */
    static final long MAX_VALUE_BYTES = 1L << 30;

    public RecordShape {
        valueBytes = valueBytes == null ? newSizeHistogram() : valueBytes;
        perPartition = perPartition == null ? new long[0] : perPartition.clone();
    }

    public static RecordShape empty() {
        return new RecordShape(null, null);
    }

    /**
     * An empty histogram of value sizes: 3 significant digits keep every size below 2,048 bytes exact and larger ones
     * within 0.1%.
     */
    public static Histogram newSizeHistogram() {
        return new Histogram(1, MAX_VALUE_BYTES, 3);
    }

    /** Values counted. */
    public long values() {
        return valueBytes.getTotalCount();
    }

    /**
     * The mean size, of the sizes as {@link #valueBytesAt} reads them. HdrHistogram's own mean takes the middle of each
     * bucket, half a byte above a size from 2,048 bytes up: a fixed 4,000-byte record read as a mean of 4,001 next to
     * a maximum of 4,000.
     */
    public double meanValueBytes() {
        long count = valueBytes.getTotalCount();
        if (count == 0) return 0;
        double sum = 0;
        for (HistogramIterationValue v : valueBytes.recordedValues()) {
            sum += (double) valueBytes.lowestEquivalentValue(v.getValueIteratedTo()) * v.getCountAtValueIteratedTo();
        }
        return sum / count;
    }

    /**
     * The size at a percentile, as the bottom of its histogram bucket: exact below 2,048 bytes, else at most 0.1% under.
     * HdrHistogram answers with the top of the bucket, which can lie above every size the run made (a range's
     * maximum of 4,000 would read 4,001).
     */
    public long valueBytesAt(double percentile) {
        return valueBytes.lowestEquivalentValue(valueBytes.getValueAtPercentile(percentile));
    }

    /** The largest size, as {@link #valueBytesAt} reads it. */
    public long maxValueBytes() {
        return valueBytes.lowestEquivalentValue(valueBytes.getMaxValue());
    }

    @Override
    public long[] perPartition() {
        return perPartition.clone();
    }

    /** Partitions counted (the topic's, when known). */
    public int partitions() {
        return perPartition.length;
    }

    /** Partitions that received at least one record. */
    public int partitionsWritten() {
        return (int) Arrays.stream(perPartition).filter(n -> n > 0).count();
    }

    public long maxPerPartition() {
        return Arrays.stream(perPartition).max().orElse(0);
    }

    public long minPerPartition() {
        return Arrays.stream(perPartition).min().orElse(0);
    }

    public double meanPerPartition() {
        return Arrays.stream(perPartition).average().orElse(0);
    }

    /** Max over mean records per partition: 1 is perfectly even; hot keys push it up. */
    public double skew() {
        double mean = meanPerPartition();
        return mean == 0 ? 0 : maxPerPartition() / mean;
    }

    /** Sizes add, partition counts add by partition number. */
    public RecordShape plus(RecordShape other) {
        Histogram sizes = valueBytes.copy();
        sizes.add(other.valueBytes);
        long[] parts = Arrays.copyOf(perPartition, Math.max(perPartition.length, other.perPartition.length));
        for (int i = 0; i < other.perPartition.length; i++) parts[i] += other.perPartition[i];
        return new RecordShape(sizes, parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordShape s
                && valueBytes.equals(s.valueBytes)
                && Arrays.equals(perPartition, s.perPartition);
    }

    @Override
    public int hashCode() {
        return 31 * valueBytes.hashCode() + Arrays.hashCode(perPartition);
    }

    @Override
    public String toString() {
        return "RecordShape[values=" + valueBytes.getTotalCount() + ", perPartition=" + Arrays.toString(perPartition)
                + "]";
    }
}
