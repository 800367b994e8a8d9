package io.loadgen.report;

import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.SloGates;
import io.loadgen.stats.RunResult;
import io.loadgen.watch.GroupReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A run's result held against its {@link SloGates}: one {@link Check} per limit that was set, in option order.
 * Everything is measured over the measured window (after warm-up). Latency limits apply to latency from the
 * intended send time when the run was paced (so time spent behind schedule counts), to send→ack otherwise.
 * A gate with nothing to judge (no measured records) fails: a run that measured nothing has not met an SLO.
 *
 * @param latencyBasis which latency the latency gates judged
 */
public record GateReport(List<Check> checks, LatencyBasis latencyBasis) {

    public static final String MAX_ERROR_RATE = "max-error-rate";
    public static final String MIN_THROUGHPUT = "min-throughput";
    public static final String MAX_P99_LATENCY = "max-p99-latency";
    public static final String MAX_P999_LATENCY = "max-p999-latency";
    public static final String MAX_CONSUMER_LAG = "max-consumer-lag";
    public static final String MAX_DRAIN_TIME = "max-drain-time";

    public enum LatencyBasis {
        SEND_TO_ACK("send→ack"),
        INTENDED("from the intended send time");

        private final String words;

        LatencyBasis(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * One gate's verdict.
     *
     * @param gate   the option that set it, without dashes: {@code max-p99-latency}
     * @param actual what the run achieved, in {@code unit}; NaN when there was nothing to measure
     * @param limit  the limit, in {@code unit}
     * @param unit   {@code ratio} (error rate, a fraction), {@code records/s} or {@code ms}
     */
    public record Check(String gate, boolean passed, double actual, double limit, String unit) {

        /** How far past the limit (positive when failed), in {@code unit}. */
        public double excess() {
            return gate.equals(MIN_THROUGHPUT) ? limit - actual : actual - limit;
        }
    }

    public GateReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    /** Whether the gate was set. */
    public boolean has(String gate) {
        return checks.stream().anyMatch(c -> c.gate().equals(gate));
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    public static GateReport evaluate(SloGates gates, RunResult r) {
        boolean paced = r.latencies().paced();
        Histogram latency = paced ? r.latencies().intended() : r.latencies().sendToAck();
        boolean measuredAny = r.measured().sent() + r.measured().failed() > 0;
        List<Check> checks = new ArrayList<>();
        if (gates.maxErrorRate() != null) {
            double rate = measuredAny ? r.measured().errorRate() : Double.NaN;
            checks.add(atMost(MAX_ERROR_RATE, rate, gates.maxErrorRate(), "ratio"));
        }
        if (gates.minRecordsPerSecond() != null) {
            double rate = r.recordsPerSecond();
            checks.add(new Check(
                    MIN_THROUGHPUT,
                    rate >= gates.minRecordsPerSecond(),
                    rate,
                    gates.minRecordsPerSecond(),
                    "records/s"));
        }
        if (gates.maxP99Latency() != null) checks.add(latency(MAX_P99_LATENCY, latency, 99, gates.maxP99Latency()));
        if (gates.maxP999Latency() != null)
            checks.add(latency(MAX_P999_LATENCY, latency, 99.9, gates.maxP999Latency()));
        return new GateReport(checks, paced ? LatencyBasis.INTENDED : LatencyBasis.SEND_TO_ACK);
    }

    /**
     * These checks and one per watched group and consumer-lag limit: {@code max-consumer-lag[ingestor]}. A group that
     * could not be watched fails its gates: nothing was measured.
     */
    public GateReport withGroups(GroupWatch watch, List<GroupReport> groups) {
        if (!watch.hasGates()) return this;
        List<Check> all = new ArrayList<>(checks);
        for (GroupReport g : groups) {
            boolean seen = g.verdict() != GroupReport.Verdict.NOT_WATCHED;
            String of = "[" + g.group() + "]";
            if (watch.maxLagRecords() != null) {
                all.add(atMost(
                        MAX_CONSUMER_LAG + of,
                        seen ? g.maxLagRecords() : Double.NaN,
                        watch.maxLagRecords(),
                        "records"));
            }
            if (watch.maxLagTime() != null) {
                all.add(atMost(
                        MAX_CONSUMER_LAG + of,
                        seen ? g.maxLagSeconds() : Double.NaN,
                        watch.maxLagTime().toNanos() / 1e9,
                        "s"));
            }
            if (watch.maxDrainTime() != null) {
                double drain = seen && g.drained() ? g.drainSeconds() : Double.NaN;
                all.add(atMost(MAX_DRAIN_TIME + of, drain, watch.maxDrainTime().toNanos() / 1e9, "s"));
            }
        }
        return new GateReport(all, latencyBasis);
    }

    private static Check latency(String gate, Histogram h, double percentile, Duration limit) {
        double actualMs = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
        return atMost(gate, actualMs, limit.toNanos() / 1e6, "ms");
    }

    private static Check atMost(String gate, double actual, double limit, String unit) {
        return new Check(gate, actual <= limit, actual, limit, unit); // NaN compares false: nothing measured fails
    }
}
