package io.loadgen.metrics;

import io.loadgen.spec.Delivery;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.stats.RunStats;
import io.loadgen.watch.GroupSample;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;

/**
 * The run's own metrics, computed from {@link RunStats} when Prometheus scrapes: counters from the LongAdders,
 * latency histograms from the cumulative HdrHistograms. The hot path pays nothing for them. Every sample carries the
 * labels {@code run_id} and {@code shard}.
 *
 * <p>A collector rather than Micrometer meters because failures are labelled by error type, and the types are only
 * known as they occur: here each scrape lists the types seen so far, with no registration on the failure path. The
 * types every run can meet are there at 0 from the start ({@link #knownErrorTypes}).
 */
final class LoadgenCollector extends Collector {

    static final String RECORDS_SENT = "loadgen_records_sent";
    static final String RECORDS_FAILED = "loadgen_records_failed";
    static final String BYTES_SENT = "loadgen_bytes_sent";
    static final String IN_FLIGHT = "loadgen_records_in_flight";
    static final String UNCONFIRMED = "loadgen_records_unconfirmed";
    static final String BEHIND_SCHEDULE = "loadgen_records_behind_schedule";
    static final String SENDING_STALLED = "loadgen_sending_stalled_seconds";
    static final String TARGET_RATE = "loadgen_target_rate_records_per_second";
    static final String ACHIEVED_RATE = "loadgen_achieved_rate_records_per_second";
    static final String SEND_TO_ACK_LATENCY = "loadgen_send_to_ack_latency_seconds";
    /**
     * The send-to-ack latency's name before it had the one name it has everywhere else; exported as well until the
     * release after next, so that dashboards and alerts built on it keep working while they move (docs/metrics.md).
     */
    static final String DEPRECATED_SEND_LATENCY = "loadgen_send_latency_seconds";

    static final String INTENDED_LATENCY = "loadgen_intended_latency_seconds";
    static final String SCHEDULE_DELAY = "loadgen_schedule_delay_seconds";
    static final String RUN_INFO = "loadgen_run_info";
    static final String RUN_START = "loadgen_run_start_time_seconds";
    static final String RUN_FINISHED = "loadgen_run_finished";
    static final String GROUP_LAG = "loadgen_consumer_group_lag_records";
    static final String GROUP_LAG_SECONDS = "loadgen_consumer_group_lag_seconds";
    static final String GROUP_CONSUMED = "loadgen_consumer_group_consumed_records";

    private final List<String> labelNames = List.of("run_id", "shard");
    private final List<String> labelValues;
    private final Map<String, String> info;
    private final List<String> knownErrorTypes;
    private final RateShape rate;
    private final LongSupplier nanoClock;

    private volatile RunStats stats;
    private volatile long startNanos;
    private volatile double startEpochSeconds;
    private volatile double achievedRate;
    private volatile boolean finished;
    private volatile Supplier<List<GroupSample>> groups = List::of;

    LoadgenCollector(LoadSpec spec, LongSupplier nanoClock) {
        this.labelValues =
                List.of(spec.runId(), String.valueOf(spec.placement().shard().index()));
        this.info = info(spec);
        this.knownErrorTypes = knownErrorTypes(spec);
        this.rate = spec.workload().rate();
        this.nanoClock = nanoClock;
    }

    /** Sending begins; from now on the counters and histograms are exported. */
    void started(RunStats stats, double epochSeconds) {
        this.startNanos = nanoClock.getAsLong();
        this.startEpochSeconds = epochSeconds;
        this.stats = stats;
    }

    /** The watched consumer groups' latest figures, read at each scrape (the watch keeps them up to date). */
    void watching(Supplier<List<GroupSample>> groups) {
        this.groups = groups;
    }

    /** The rate achieved over the last progress interval. */
    void achieved(double recordsPerSecond) {
        this.achievedRate = recordsPerSecond;
    }

    /** Sending is over: nothing is targeted or achieved any more; the counters keep their final values. */
    void finished() {
        this.finished = true;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> out = new ArrayList<>();
        GaugeMetricFamily runInfo = new GaugeMetricFamily(
                RUN_INFO,
                "The run's identity and main settings as labels; the value is always 1.",
                List.copyOf(info.keySet()));
        runInfo.addMetric(List.copyOf(info.values()), 1);
        out.add(runInfo);
        out.add(gauge(
                TARGET_RATE,
                "Target records/s at this moment (it follows --ramp and --steps); 0 when unpaced or finished.",
                targetRate()));
        groups(out);
        RunStats s = stats;
        if (s == null) return out;

        out.add(gauge(RUN_START, "Unix time at which sending began.", startEpochSeconds));
        out.add(gauge(RUN_FINISHED, "1 once sending is over and the counters are final.", finished ? 1 : 0));
        out.add(counter(RECORDS_SENT, "Records the broker acknowledged, warm-up included.", s.sent()));
        out.add(counter(BYTES_SENT, "Key and value bytes of the acknowledged records.", s.sentBytes()));
        CounterMetricFamily failed = new CounterMetricFamily(
                RECORDS_FAILED, "Records that will never be acknowledged, by exception type.", withLabel("error_type"));
        Map<String, Long> errors = new TreeMap<>();
        knownErrorTypes.forEach(type -> errors.put(type, 0L));
        errors.putAll(s.errors());
        errors.forEach((type, count) -> failed.addMetric(withValue(type), count));
        out.add(failed);
        out.add(gauge(IN_FLIGHT, "Records handed to the producer and not yet acknowledged or failed.", s.inFlight()));
        out.add(gauge(
                UNCONFIRMED,
                "Records handed to the producer and neither acknowledged nor failed when the run stopped "
                        + "waiting for them; 0 until then.",
                s.unconfirmed()));
        out.add(counter(
                SENDING_STALLED,
                "Time in stalls of at least 1 s in which no record was handed to the producer "
                        + "although records were due (a broker away, a send blocked).",
                s.sendingStalledNanos() / 1e9));
        out.add(gauge(
                ACHIEVED_RATE,
                "Acknowledged records/s over the last progress interval; 0 once finished.",
                finished ? 0 : achievedRate));
        s.readTotals(t -> {
            out.add(histogram(
                    SEND_TO_ACK_LATENCY,
                    "Send call to acknowledgement, measured records (after warm-up).",
                    t.sendToAck()));
            out.add(histogram(
                    DEPRECATED_SEND_LATENCY,
                    "Deprecated, use " + SEND_TO_ACK_LATENCY + " (the same figures).",
                    t.sendToAck()));
            if (rate != null) {
                out.add(gauge(
                        BEHIND_SCHEDULE,
                        "Records the schedule of --rate has made due that were not yet handed to " + "the producer.",
                        s.behindSchedule()));
                out.add(histogram(
                        INTENDED_LATENCY,
                        "Intended (scheduled) send time to acknowledgement: includes time "
                                + "behind schedule, so a stalled broker cannot hide (coordinated omission).",
                        t.intended()));
                out.add(histogram(SCHEDULE_DELAY, "Scheduled send time to the actual send call.", t.scheduleDelay()));
            }
            return null;
        });
        return out;
    }

    /** One sample per group that can be watched; a group that cannot has none rather than a misleading 0. */
    private void groups(List<MetricFamilySamples> out) {
        List<GroupSample> watched =
                groups.get().stream().filter(GroupSample::watched).toList();
        if (watched.isEmpty()) return;
        List<String> names = new ArrayList<>(labelNames);
        names.add("group");
        GaugeMetricFamily lag = new GaugeMetricFamily(
                GROUP_LAG, "Records written to the topic that the group has not consumed (committed) yet.", names);
        GaugeMetricFamily lagSeconds = new GaugeMetricFamily(
                GROUP_LAG_SECONDS,
                "Age of the group's oldest unconsumed record, estimated from the topic's end offsets over time.",
                names);
        CounterMetricFamily consumed = new CounterMetricFamily(
                GROUP_CONSUMED,
                "Records the group consumed (its committed offsets' advance) since the run began.",
                names);
        for (GroupSample g : watched) {
            List<String> values = new ArrayList<>(labelValues);
            values.add(g.group());
            lag.addMetric(values, g.lagRecords());
            lagSeconds.addMetric(values, g.lagSeconds());
            consumed.addMetric(values, g.consumed());
        }
        out.add(lag);
        out.add(lagSeconds);
        out.add(consumed);
    }

    private double targetRate() {
        if (rate == null || finished || stats == null) return 0;
        return rate.rateAt((nanoClock.getAsLong() - startNanos) / 1e9);
    }

    private MetricFamilySamples counter(String name, String help, double value) {
        return new CounterMetricFamily(name, help, labelNames).addMetric(labelValues, value);
    }

    private MetricFamilySamples gauge(String name, String help, double value) {
        return new GaugeMetricFamily(name, help, labelNames).addMetric(labelValues, value);
    }

    private MetricFamilySamples histogram(String name, String help, Histogram micros) {
        return LatencyBuckets.family(name, help, labelNames, labelValues, micros);
    }

    private List<String> withLabel(String name) {
        List<String> names = new ArrayList<>(labelNames);
        names.add(name);
        return names;
    }

    private List<String> withValue(String value) {
        List<String> values = new ArrayList<>(labelValues);
        values.add(value);
        return values;
    }

    /**
     * The error types a run can fail with whatever the cluster, exported at 0 until they occur, as Prometheus advises
     * for series known in advance: with no failed series at all, a healthy run's error panels and {@code rate()} over
     * the failures show no data instead of 0. Any record expires unacknowledged after delivery.timeout.ms (a broker
     * away, a partition without a leader) with a TimeoutException; in a transactional run, the records of an aborted
     * transaction fail as TransactionAbortedException (the engine's TransactionLedger counts them so).
     */
    static List<String> knownErrorTypes(LoadSpec spec) {
        List<String> types = new ArrayList<>();
        types.add(TimeoutException.class.getSimpleName());
        if (spec.delivery().transactional()) types.add(TransactionAbortedException.class.getSimpleName());
        return List.copyOf(types);
    }

    /** Labels of {@code loadgen_run_info}: run id and shard first, then what a dashboard would filter or compare by. */
    private static Map<String, String> info(LoadSpec spec) {
        Delivery delivery = spec.delivery();
        RateShape shape = spec.workload().rate();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run_id", spec.runId());
        m.put("shard", String.valueOf(spec.placement().shard().index()));
        m.put("shards", String.valueOf(spec.placement().shard().count()));
        m.put("topic", spec.topic().name());
        m.put("acks", delivery.producerSetting("acks"));
        // durability as the client resolved it: a dashboard comparing runs must not compare an idempotent run with a
        // plain one
        m.put("idempotence", delivery.idempotent() ? "on" : "off");
        m.put("transactions", delivery.transactional() ? "on" : "off");
        m.put("compression", delivery.producerSetting("compression.type"));
        m.put("linger_ms", delivery.producerSetting("linger.ms"));
        m.put("batch_size", delivery.producerSetting("batch.size"));
        m.put("threads", String.valueOf(spec.senders().threads()));
        m.put("producers", String.valueOf(spec.senders().producers()));
        m.put("payload", spec.payload().type().name().toLowerCase(Locale.ROOT));
        m.put("rate", shape == null ? "unlimited" : shape.describe());
        return m;
    }
}
