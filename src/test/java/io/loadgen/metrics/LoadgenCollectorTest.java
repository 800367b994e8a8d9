package io.loadgen.metrics;

import static io.loadgen.metrics.MetricsFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.Specs;
import io.loadgen.spec.Transactions;
import io.loadgen.stats.RunStats;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The run's own metrics, computed at scrape time from RunStats: names, types, labels and exact values. */
@Timeout(10)
class LoadgenCollectorTest {

    private static final long MS = 1_000_000L;
    private static final String RUN = "run_id=\"r1\",shard=\"0\"";

    private long now = 5_000 * MS;
    private final RunStats stats = new RunStats();

    @Test
    void beforeSendingBeginsOnlyTheRunInfoIsThere() throws IOException {
        LoadgenCollector collector =
                new LoadgenCollector(MetricsFixtures.spec("r1", new RateShape.Constant(500)), () -> now);

        String scrape = scrape(collector);

        assertThat(MetricsFixtures.sampleNames(scrape))
                .containsExactly("loadgen_run_info", "loadgen_target_rate_records_per_second");
        assertThat(scrape)
                .contains("loadgen_run_info{run_id=\"r1\",shard=\"0\",shards=\"1\",topic=\"logs\",acks=\"1\","
                        + "idempotence=\"off\",transactions=\"off\",compression=\"lz4\",linger_ms=\"5\",batch_size=\"16384\",threads=\"2\",producers=\"1\",payload=\"seed\","
                        + "rate=\"500/s\",} 1.0");
    }

    @Test
    void countersAndGaugesAreTheLiveCounts() throws IOException {
        LoadgenCollector collector = started(new RateShape.Constant(500));
        for (int i = 0; i < 7; i++) stats.attempted();
        stats.sent(100, true, 2 * MS, 3 * MS);
        stats.sent(150, false, 2 * MS, 3 * MS);
        stats.failed(new TimeoutException("x"), true);
        stats.failed(new TimeoutException("y"), true);
        stats.failed(new RecordTooLargeException("z"), false);
        collector.achieved(480.5);

        String scrape = scrape(collector);

        assertThat(value(scrape, "loadgen_records_sent_total", RUN)).isEqualTo(2);
        assertThat(value(scrape, "loadgen_bytes_sent_total", RUN)).isEqualTo(250);
        assertThat(value(scrape, "loadgen_records_failed_total", RUN, "error_type=\"TimeoutException\""))
                .isEqualTo(2);
        assertThat(value(scrape, "loadgen_records_failed_total", RUN, "error_type=\"RecordTooLargeException\""))
                .isEqualTo(1);
        assertThat(failedLines(scrape))
                .as("a type exported at 0 from the start is the same series once it fails")
                .hasSize(2);
        assertThat(value(scrape, "loadgen_records_in_flight", RUN)).isEqualTo(2);
        assertThat(value(scrape, "loadgen_target_rate_records_per_second", RUN)).isEqualTo(500);
        assertThat(value(scrape, "loadgen_achieved_rate_records_per_second", RUN))
                .isEqualTo(480.5);
        assertThat(value(scrape, "loadgen_run_start_time_seconds", RUN)).isEqualTo(1_764_072_000.0);
        assertThat(value(scrape, "loadgen_run_finished", RUN)).isZero();
        assertThat(scrape)
                .contains("# TYPE loadgen_records_sent_total counter", "# TYPE loadgen_records_in_flight gauge");
        assertThat(value(scrape, "loadgen_records_unconfirmed", RUN)).isZero();
        assertThat(value(scrape, "loadgen_records_behind_schedule", RUN)).isZero();
        assertThat(value(scrape, "loadgen_sending_stalled_seconds_total", RUN)).isZero();
    }

    /**
     * Issue 16 item 6: without a failed series, a healthy run's error panels showed "No data" and rate() over the
     * failures had nothing to work on. The type every run can fail with is there at 0 from the start.
     */
    @Test
    void aRunWithoutFailuresHasTheFailedCounterAtZero() throws IOException {
        LoadgenCollector collector = started(new RateShape.Constant(500));
        stats.sent(100, true, 2 * MS, 3 * MS);

        String scrape = scrape(collector);

        assertThat(scrape).contains("# TYPE loadgen_records_failed_total counter");
        assertThat(failedLines(scrape))
                .containsExactly("loadgen_records_failed_total{" + RUN + ",error_type=\"TimeoutException\",} 0.0");
    }

    @Test
    void aTransactionalRunHasItsAbortedTransactionsAtZeroToo() throws IOException {
        LoadSpec transactional = Specs.builder()
                .runId("r1")
                .threads(2)
                .producerConfig(Map.of("bootstrap.servers", "127.0.0.1:9092", "acks", "all"))
                .transactions(new Transactions(Duration.ofMillis(100), "loadgen"))
                .build();
        LoadgenCollector collector = new LoadgenCollector(transactional, () -> now);
        collector.started(stats, 1_764_072_000.0);

        String scrape = scrape(collector);

        assertThat(failedLines(scrape))
                .containsExactly(
                        "loadgen_records_failed_total{" + RUN + ",error_type=\"TimeoutException\",} 0.0",
                        "loadgen_records_failed_total{" + RUN + ",error_type=\"TransactionAbortedException\",} 0.0");
    }

    @Test
    void anOutageShowsAsRecordsBehindScheduleStallTimeAndFinallyUnconfirmed() throws IOException {
        LoadgenCollector collector = started(new RateShape.Constant(500));
        for (int i = 0; i < 7; i++) stats.attempted();
        stats.sent(100, true, 2 * MS, 3 * MS);
        stats.schedule(2_500, 5_200 * MS);

        String during = scrape(collector);
        stats.seal();
        stats.sent(100, true, 2 * MS, 3 * MS); // the forced close answering late: changes nothing any more
        String after = scrape(collector);

        assertThat(value(during, "loadgen_records_behind_schedule", RUN)).isEqualTo(2_500);
        assertThat(value(during, "loadgen_sending_stalled_seconds_total", RUN)).isEqualTo(5.2);
        assertThat(value(during, "loadgen_records_unconfirmed", RUN)).isZero();
        assertThat(value(after, "loadgen_records_unconfirmed", RUN)).isEqualTo(6);
        assertThat(value(after, "loadgen_records_sent_total", RUN)).isEqualTo(1);
    }

    @Test
    void latencyHistogramsHaveExactCumulativeBucketsInSeconds() throws IOException {
        LoadgenCollector collector = started(new RateShape.Constant(500));
        for (int i = 0; i < 1_000; i++) stats.sent(1, true, 2 * MS, 7 * MS);
        for (int i = 0; i < 10; i++) stats.sent(1, true, 200 * MS, 900 * MS);
        stats.sent(1, true, 90_000 * MS, 90_000 * MS); // beyond the last bound: only in +Inf
        RunStats.ScheduleDelayRecorder delay = stats.newScheduleDelayRecorder();
        for (int i = 0; i < 4; i++) delay.record(300_000L); // 300 µs behind schedule

        String scrape = scrape(collector);

        String send = "loadgen_send_to_ack_latency_seconds_bucket";
        assertThat(scrape).contains("# TYPE loadgen_send_to_ack_latency_seconds histogram");
        assertThat(value(scrape, send, RUN, "le=\"0.001\"")).isZero();
        assertThat(value(scrape, send, RUN, "le=\"0.0025\"")).isEqualTo(1_000);
        assertThat(value(scrape, send, RUN, "le=\"0.1\"")).isEqualTo(1_000);
        assertThat(value(scrape, send, RUN, "le=\"0.25\"")).isEqualTo(1_010);
        assertThat(value(scrape, send, RUN, "le=\"60.0\"")).isEqualTo(1_010);
        assertThat(value(scrape, send, RUN, "le=\"+Inf\"")).isEqualTo(1_011);
        assertThat(value(scrape, "loadgen_send_to_ack_latency_seconds_count", RUN))
                .isEqualTo(1_011);
        assertThat(value(scrape, "loadgen_send_to_ack_latency_seconds_sum", RUN))
                .isCloseTo(1_000 * 0.002 + 10 * 0.2 + 90, within(0.1));
        // The former name, kept for one more release, carries the same figures.
        assertThat(scrape).contains("# TYPE loadgen_send_latency_seconds histogram");
        for (String le : List.of("0.001", "0.0025", "0.25", "+Inf")) {
            assertThat(value(scrape, "loadgen_send_latency_seconds_bucket", RUN, "le=\"" + le + "\""))
                    .isEqualTo(value(scrape, send, RUN, "le=\"" + le + "\""));
        }
        assertThat(value(scrape, "loadgen_send_latency_seconds_count", RUN)).isEqualTo(1_011);

        String intended = "loadgen_intended_latency_seconds_bucket";
        assertThat(value(scrape, intended, RUN, "le=\"0.005\"")).isZero();
        assertThat(value(scrape, intended, RUN, "le=\"0.01\"")).isEqualTo(1_000);
        assertThat(value(scrape, intended, RUN, "le=\"1.0\"")).isEqualTo(1_010);

        String schedule = "loadgen_schedule_delay_seconds_bucket";
        assertThat(value(scrape, schedule, RUN, "le=\"0.00025\"")).isZero();
        assertThat(value(scrape, schedule, RUN, "le=\"0.0005\"")).isEqualTo(4);
        assertThat(value(scrape, "loadgen_schedule_delay_seconds_count", RUN)).isEqualTo(4);
    }

    @Test
    void everyBucketBoundOfTheFirstReleaseIsStillExported() throws IOException {
        LoadgenCollector collector = started(new RateShape.Constant(500));
        stats.sent(1, true, 3 * MS, 3 * MS);

        String scrape = scrape(collector);
        Map<Double, Double> buckets = buckets(scrape, "loadgen_send_to_ack_latency_seconds_bucket");

        // Alerts and panels select buckets by their le: a bound may be added, never moved or dropped.
        for (String le : List.of(
                "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "60.0")) {
            assertThat(scrape).contains("loadgen_send_to_ack_latency_seconds_bucket{" + RUN + ",le=\"" + le + "\"");
        }
        assertThat(buckets.keySet()).allMatch(le -> le <= 60 || le == Double.POSITIVE_INFINITY);
    }

    @Test
    void neighbouringBoundsAreAtMostHalfAgainApartUpToTenSeconds() {
        double[] b = LatencyBuckets.BOUNDS_SECONDS;
        assertThat(b[0]).isEqualTo(0.0001);
        for (int i = 1; i < b.length; i++) {
            assertThat(b[i]).as("ascending at %d", i).isGreaterThan(b[i - 1]);
            if (b[i] <= 10)
                assertThat(b[i] / b[i - 1]).as("%s after %s", b[i], b[i - 1]).isLessThanOrEqualTo(1.5);
        }
    }

    /**
     * What Grafana shows is {@code histogram_quantile} over the buckets, which interpolates linearly inside the bucket
     * the quantile falls in. With linger.ms=50 the acknowledgements come just after 50 ms; the dashboard's p99 should
     * be near the summary's, not at the top of a 50-100 ms bucket.
     */
    @Test
    void theDashboardsQuantilesAreNearTheSummarysForALingeringProducer() throws IOException {
        LoadgenCollector collector = started(new RateShape.Constant(500));
        long[] micros = spread(10_000, 50_500, 55_000);

        for (long m : micros) stats.sent(1, true, m * 1_000, m * 1_000);
        Map<Double, Double> buckets = buckets(scrape(collector), "loadgen_send_to_ack_latency_seconds_bucket");

        for (double q : new double[] {0.5, 0.99, 0.999}) {
            double summary = micros[(int) Math.ceil(q * micros.length) - 1] / 1e6;
            assertThat(histogramQuantile(q, buckets)).as("p%s", q * 100).isCloseTo(summary, within(summary * 0.10));
        }
    }

    @Test
    void theDashboardsQuantilesStayWithinABucketOfTheSummarysForOtherShapes() throws IOException {
        // A fast broker at acks=1; a slow one; a run whose tail is one twentieth of it, ten times as slow.
        List<long[]> shapes = List.of(
                spread(10_000, 400, 1_600),
                spread(10_000, 120_000, 480_000),
                concat(spread(9_500, 2_000, 4_000), spread(500, 20_000, 80_000)));
        for (long[] micros : shapes) {
            RunStats one = new RunStats();
            LoadgenCollector collector =
                    new LoadgenCollector(MetricsFixtures.spec("r1", new RateShape.Constant(500)), () -> now);
            collector.started(one, 1_764_072_000.0);
            for (long m : micros) one.sent(1, true, m * 1_000, m * 1_000);
            Map<Double, Double> buckets = buckets(scrape(collector), "loadgen_send_to_ack_latency_seconds_bucket");
            long[] sorted = micros.clone();
            java.util.Arrays.sort(sorted);
            for (double q : new double[] {0.5, 0.99, 0.999}) {
                double summary = sorted[(int) Math.ceil(q * sorted.length) - 1] / 1e6;
                assertThat(histogramQuantile(q, buckets))
                        .as("p%s of %s..%s µs", q * 100, sorted[0], sorted[sorted.length - 1])
                        .isCloseTo(summary, within(summary * 0.25));
            }
        }
    }

    @Test
    void aScrapeDoesNotTakeTheProgressLinesInterval() {
        LoadgenCollector collector = started(new RateShape.Constant(500));
        stats.sent(1, true, 2 * MS, 3 * MS);
        stats.sent(1, true, 4 * MS, 5 * MS);

        collector.collect();
        collector.collect();
        RunStats.Snapshot tick = stats.snapshot();

        assertThat(tick.intervalSendToAck().getTotalCount())
                .as("the progress interval still has both records")
                .isEqualTo(2);
        assertThat(tick.intervalIntended().getTotalCount()).isEqualTo(2);
        assertThat(tick.totalSendToAck().getTotalCount()).isEqualTo(2);

        stats.sent(1, true, 6 * MS, 7 * MS);
        collector.collect();
        assertThat(stats.snapshot().intervalSendToAck().getTotalCount()).isEqualTo(1);
        stats.readTotals(t -> assertThat(t.sendToAck().getTotalCount())
                .as("totals keep growing")
                .isEqualTo(3));
    }

    @Test
    void anUnpacedRunHasNoScheduleFamiliesAndATargetOfZero() throws IOException {
        LoadgenCollector collector = started(null);
        stats.sent(1, true, 2 * MS, -1);

        String scrape = scrape(collector);

        assertThat(scrape)
                .doesNotContain("loadgen_intended_latency_seconds", "loadgen_schedule_delay_seconds")
                .contains("rate=\"unlimited\"");
        assertThat(value(scrape, "loadgen_target_rate_records_per_second", RUN)).isZero();
        assertThat(value(scrape, "loadgen_send_to_ack_latency_seconds_count", RUN))
                .isEqualTo(1);
    }

    @Test
    void theTargetFollowsARampAndIsZeroOnceFinished() throws IOException {
        LoadgenCollector collector = started(new RateShape.Ramp(1_000, 3_000, Duration.ofSeconds(10)));
        collector.achieved(900);

        now += 5_000 * MS;
        assertThat(value(scrape(collector), "loadgen_target_rate_records_per_second", RUN))
                .isCloseTo(2_000, within(1e-6));
        now += 60_000 * MS;
        assertThat(value(scrape(collector), "loadgen_target_rate_records_per_second", RUN))
                .isEqualTo(3_000);

        stats.sent(1, true, MS, MS);
        collector.finished();
        String scrape = scrape(collector);
        assertThat(value(scrape, "loadgen_target_rate_records_per_second", RUN)).isZero();
        assertThat(value(scrape, "loadgen_achieved_rate_records_per_second", RUN))
                .isZero();
        assertThat(value(scrape, "loadgen_run_finished", RUN)).isEqualTo(1);
        assertThat(value(scrape, "loadgen_records_sent_total", RUN))
                .as("counters stay, final")
                .isEqualTo(1);
    }

    @Test
    void everyFamilyNamesItsSamplesAsPrometheusExpects() {
        LoadgenCollector collector = started(new RateShape.Constant(1));

        for (MetricFamilySamples family : collector.collect()) {
            assertThat(family.name).startsWith("loadgen_");
            assertThat(family.help).isNotBlank();
            for (MetricFamilySamples.Sample s : family.samples) {
                assertThat(s.labelNames.subList(0, 2)).containsExactly("run_id", "shard");
                assertThat(s.name).startsWith(family.name);
            }
        }
    }

    private LoadgenCollector started(RateShape rate) {
        LoadgenCollector collector = new LoadgenCollector(MetricsFixtures.spec("r1", rate), () -> now);
        collector.started(stats, 1_764_072_000.0);
        return collector;
    }

    /** {@code n} latencies spread evenly from {@code fromMicros} to {@code toMicros}, ascending. */
    private static long[] spread(int n, long fromMicros, long toMicros) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = fromMicros + (toMicros - fromMicros) * i / (n - 1);
        return v;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] v = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, v, a.length, b.length);
        return v;
    }

    /** A histogram's cumulative buckets from a scrape: upper bound in seconds (+Inf too) to count. */
    private static Map<Double, Double> buckets(String scrape, String name) {
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        java.util.regex.Pattern.quote(name) + "\\{[^}]*le=\"([^\"]+)\"[^}]*\\} (\\S+)")
                .matcher(scrape);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.put(le, Double.parseDouble(m.group(2)));
        }
        assertThat(buckets).as("buckets of %s", name).isNotEmpty();
        return buckets;
    }

    /**
     * Prometheus's {@code histogram_quantile}: the bucket where the rank falls, then linear interpolation between its
     * lower and upper bound (the first bucket starts at 0; a rank in +Inf gives the highest finite bound).
     */
    private static double histogramQuantile(double q, Map<Double, Double> cumulative) {
        double total = cumulative.get(Double.POSITIVE_INFINITY);
        double rank = q * total;
        double lower = 0, below = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey() == Double.POSITIVE_INFINITY) return lower;
                return lower + (e.getKey() - lower) * (rank - below) / (e.getValue() - below);
            }
            lower = e.getKey();
            below = e.getValue();
        }
        throw new AssertionError("no +Inf bucket");
    }

    private static List<String> failedLines(String scrape) {
        return scrape.lines()
                .filter(line -> line.startsWith("loadgen_records_failed_total{"))
                .toList();
    }

    /** The collector's output in the Prometheus text format, as /q/metrics serves it. */
    static String scrape(LoadgenCollector collector) throws IOException {
        CollectorRegistry registry = new CollectorRegistry();
        collector.register(registry);
        StringWriter out = new StringWriter();
        TextFormat.write004(out, registry.metricFamilySamples());
        registry.unregister(collector);
        return out.toString();
    }
}
