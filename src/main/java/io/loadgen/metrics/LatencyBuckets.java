package io.loadgen.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Turns a cumulative HdrHistogram of latencies (microseconds) into a Prometheus histogram with fixed buckets, at
 * scrape time. The counts come from the HdrHistogram itself, so nothing is recorded twice on the hot path; a bucket
 * {@code le=b} counts the values up to {@code b} to the histogram's resolution (3 significant digits, 0.1 %).
 */
final class LatencyBuckets {

    /**
     * Upper bounds in seconds, 100 µs to 60 s. Every bound of the first release (1-2.5-5 steps) is still here, since
     * alerts and panels select buckets by their {@code le}; between them nine bounds a decade (1, 1.5, 2, 2.5, 3, 4,
     * 5, 6, 7.5), so {@code histogram_quantile}, which interpolates inside a bucket, lands near the summary's
     * percentile. With 1-2.5-5 steps alone, a run at linger.ms=50 (latencies just above 50 ms) showed a p99 near
     * the top of the 50-100 ms bucket in Grafana, almost twice its summary's (docs/metrics.md).
     */
    static final double[] BOUNDS_SECONDS = bounds();

    private static final long[] BOUNDS_MICROS = new long[BOUNDS_SECONDS.length];
    private static final String[] LE = new String[BOUNDS_SECONDS.length + 1];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_MICROS[i] = Math.round(BOUNDS_SECONDS[i] * 1e6);
            LE[i] = canonical(BOUNDS_SECONDS[i]);
        }
        LE[BOUNDS_SECONDS.length] = "+Inf";
    }

    private LatencyBuckets() {}

    private static double[] bounds() {
        double[] steps = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5};
        List<Double> all = new ArrayList<>();
        for (BigDecimal decade = new BigDecimal("0.0001"); decade.compareTo(BigDecimal.TEN) < 0; ) {
            for (double step : steps)
                all.add(decade.multiply(BigDecimal.valueOf(step)).doubleValue());
            decade = decade.scaleByPowerOfTen(1);
        }
        // Beyond 10 s a latency is a stall, not a distribution: a few bounds to see how long.
        all.addAll(List.of(10.0, 15.0, 20.0, 30.0, 45.0, 60.0));
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A {@code histogram} family: {@code name_bucket{le}}, {@code name_count} and {@code name_sum} (seconds), with
     * the given labels on every sample.
     */
    static MetricFamilySamples family(
            String name, String help, List<String> labelNames, List<String> labelValues, Histogram micros) {
        long[] perBucket = new long[LE.length];
        double sumMicros = 0;
        // One pass over the recorded values: each value goes to the first bound at or above it.
        for (HistogramIterationValue v : micros.recordedValues()) {
            long value = micros.lowestEquivalentValue(v.getValueIteratedTo());
            long count = v.getCountAtValueIteratedTo();
            perBucket[bucketOf(value)] += count;
            sumMicros += (double) micros.medianEquivalentValue(v.getValueIteratedTo()) * count;
        }
        List<String> bucketLabels = new ArrayList<>(labelNames);
        bucketLabels.add("le");
        List<Sample> samples = new ArrayList<>(LE.length + 2);
        long cumulative = 0;
        for (int i = 0; i < LE.length; i++) {
            cumulative += perBucket[i];
            List<String> values = new ArrayList<>(labelValues);
            values.add(LE[i]);
            samples.add(new Sample(name + "_bucket", bucketLabels, values, cumulative));
        }
        samples.add(new Sample(name + "_count", labelNames, labelValues, cumulative));
        samples.add(new Sample(name + "_sum", labelNames, labelValues, sumMicros / 1e6));
        return new MetricFamilySamples(name, Collector.Type.HISTOGRAM, help, samples);
    }

    /**
     * OpenMetrics' canonical form of a bound: plain decimal, {@code .0} on whole numbers ({@code 0.00025}, {@code 1.0}),
     * never {@code 2.5E-4}: a dashboard that selects a bucket by its {@code le} compares the text.
     */
    static String canonical(double bound) {
        String plain = BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static int bucketOf(long micros) {
        int i = Arrays.binarySearch(BOUNDS_MICROS, micros);
        return i >= 0 ? i : -i - 1; // the first bound at or above it; BOUNDS_MICROS.length is +Inf
    }
}
