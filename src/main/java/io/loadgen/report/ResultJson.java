package io.loadgen.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadgen.stats.RecordShape;
import io.loadgen.stats.RunResult;
import io.loadgen.watch.GroupReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The summary as JSON, for machines: the same numbers as {@link SummaryPrinter}, settings with secrets masked.
 * Plain records with stable field names; latencies in milliseconds.
 */
public final class ResultJson {

    /**
     * The writer, in a class of its own so that it is built where it is first used: Jackson then looks at every record
     * of the document (fetching the serializers eagerly), which is most of the cost of the first summary written. See
     * {@link #prepareAside()}.
     */
    private static final class Writer {
        static final ObjectWriter WRITER =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writerFor(Document.class);
    }

    /** Reads summaries of this and other versions: a field added later or dropped since is no reason to refuse one. */
    private static final class Reader {
        static final ObjectMapper READER =
                new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Fields every summary has had; a JSON document without them is something else. */
    private static final List<String> REQUIRED = List.of("runId", "status", "records", "recordsPerSecond", "settings");

    private ResultJson() {}

    /**
     * Builds the JSON writer on a spare thread while the run goes on, so the summary is written as soon as the run
     * ends instead of after Jackson has looked at its types: that is time a short run's whole process pays.
     */
    public static void prepareAside() {
        Thread t = new Thread(() -> Writer.WRITER.getConfig(), "loadgen-json-prepare");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The JSON document of a result. */
    public record Document(
            String runId,
            String status,
            String stopReason,
            String startedAt,
            String endedAt,
            Records records,
            long bytes,
            double elapsedSeconds,
            double measuredSeconds,
            double recordsPerSecond,
            double mibPerSecond,
            Latency sendToAckLatencyMs,
            Latency intendedLatencyMs,
            Latency scheduleDelayMs,
            Double compressionRatio,
            @JsonInclude(JsonInclude.Include.NON_NULL) RecordSize recordSizeBytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) Partitions partitions,
            Map<String, Long> errors,
            Shortfall shortfall,
            Double cpuSeconds,
            Double cpuSecondsPerMillionRecords,
            Gates gates,
            Map<String, Object> settings,
            @JsonInclude(JsonInclude.Include.NON_NULL) RunCard runCard,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ConsumerGroup> consumerGroups) {}

    /**
     * Where the run ran (see {@link io.loadgen.stats.RunCard}): what {@code loadgen compare} checks before it sets two
     * results side by side. A fact that could not be read is null; the card is absent from results that have none.
     *
     * @param runtime                   {@code JVM} or {@code native}
     * @param cores                     processors the JVM saw; a fleet: its shards' added up
     * @param containerCpuLimit         CPUs the cgroup allows, null for no limit; a fleet: added up
     * @param containerMemoryLimitBytes memory the cgroup allows, null for no limit; a fleet: shard 0's
     * @param brokerVersion             the cluster's finalized metadata.version ({@code metadata.version 4.1-IV1}):
     *                                  Kafka reports no broker release
     */
    public record RunCard(
            String loadgenVersion,
            String runtime,
            String javaVersion,
            String javaVm,
            String cpuModel,
            int cores,
            Double containerCpuLimit,
            Long containerMemoryLimitBytes,
            Integer brokers,
            String brokerVersion,
            Topic topic) {

        static RunCard of(io.loadgen.stats.RunCard c) {
            if (c == null) return null;
            io.loadgen.stats.RunCard.Machine m = c.machine();
            io.loadgen.stats.RunCard.Cluster k = c.cluster();
            return new RunCard(
                    c.loadgenVersion(),
                    m.runtime(),
                    m.javaVersion(),
                    m.javaVm(),
                    m.cpuModel(),
                    m.cores(),
                    m.containerCpuLimit(),
                    m.containerMemoryLimitBytes(),
                    k.brokers(),
                    k.brokerVersion(),
                    new Topic(k.topic(), k.partitions(), k.replicationFactor()));
        }
    }

    public record Topic(String name, Integer partitions, Integer replicationFactor) {}

    /** Sizes of the record values made, in bytes; absent when no record was made. */
    public record RecordSize(long count, double mean, long p50, long p99, long max) {
        static RecordSize of(RecordShape s) {
            if (s.values() == 0) return null;
            return new RecordSize(
                    s.values(),
                    Math.round(s.meanValueBytes() * 10) / 10.0,
                    s.valueBytesAt(50),
                    s.valueBytesAt(99),
                    s.maxValueBytes());
        }
    }

    /**
     * Records acknowledged per partition: the spread that keys make. {@code maxToMean} is 1 for a perfectly even
     * spread; hot keys push it up.
     *
     * @param count   the topic's partitions
     * @param written partitions that received at least one record
     * @param records the count of each partition, index = partition number
     */
    public record Partitions(
            int count,
            int written,
            long maxRecords,
            long minRecords,
            double meanRecords,
            double maxToMean,
            long[] records) {
        static Partitions of(RecordShape s) {
            if (s.partitions() == 0) return null;
            return new Partitions(
                    s.partitions(),
                    s.partitionsWritten(),
                    s.maxPerPartition(),
                    s.minPerPartition(),
                    Math.round(s.meanPerPartition() * 10) / 10.0,
                    Math.round(s.skew() * 1000) / 1000.0,
                    s.perPartition());
        }
    }

    /**
     * A watched consumer group (see {@link GroupReport}): present only when --watch-group was given.
     *
     * @param verdict {@code kept-up}, {@code fell-behind} or {@code not-watched}
     */
    public record ConsumerGroup(
            String group,
            String verdict,
            String problem,
            long consumed,
            double consumedPerSecond,
            long maxLagRecords,
            double maxLagSeconds,
            long endLagRecords,
            Double drainSeconds,
            Double behindFromSeconds,
            double producedPerSecond,
            double consumedPerSecondBehind) {

        static ConsumerGroup of(GroupReport g) {
            return new ConsumerGroup(
                    g.group(),
                    g.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    g.problem(),
                    g.consumed(),
                    g.consumedPerSecond(),
                    g.maxLagRecords(),
                    g.maxLagSeconds(),
                    g.endLagRecords(),
                    g.drainSeconds(),
                    g.behindFromSeconds(),
                    g.producedPerSecond(),
                    g.consumedPerSecondBehind());
        }
    }

    /**
     * What the run did not deliver besides failed records (see {@link io.loadgen.stats.Shortfall}).
     *
     * @param notSent      records due by the schedule of --rate that were never handed to the producer
     * @param behindSeconds how far behind schedule sending was when it stopped
     * @param unconfirmed  records handed over, neither acknowledged nor failed when the run stopped waiting
     */
    public record Shortfall(
            long notSent, double behindSeconds, long unconfirmed, Stalls sendingStalls, Stalls ackStalls) {

        static Shortfall of(io.loadgen.stats.Shortfall f) {
            return new Shortfall(
                    f.notSent(),
                    f.behindMillis() / 1000.0,
                    f.unconfirmed(),
                    Stalls.of(f.sending()),
                    Stalls.of(f.acks()));
        }
    }

    /** Stalls of at least a second; {@code longestStartedAt} is null when there was none. */
    public record Stalls(int count, double totalSeconds, double longestSeconds, String longestStartedAt) {

        static Stalls of(io.loadgen.stats.Stalls s) {
            return new Stalls(
                    s.count(),
                    s.totalMillis() / 1000.0,
                    s.longestMillis() / 1000.0,
                    s.any() ? Instant.ofEpochMilli(s.longestStartEpochMillis()).toString() : null);
        }
    }

    /**
     * @param measuredFailed failed records sent after warm-up
     * @param errorRate      failed / (acknowledged + failed) over the measured window
     * @param acknowledged   false under acks=0: {@code sent} then counts records written to the network, unconfirmed
     */
    public record Records(
            long sent,
            long failed,
            long unconfirmed,
            long warmup,
            long measured,
            long measuredFailed,
            double errorRate,
            boolean acknowledged) {}

    /**
     * The SLO gates: {@code passed} is true when every gate passed (or none was set).
     *
     * @param latencyBasis {@code intended} (paced runs) or {@code send-to-ack}: which latency the latency gates judged
     */
    public record Gates(boolean passed, String latencyBasis, List<Gate> checks) {

        static Gates of(GateReport report) {
            return new Gates(
                    report.passed(),
                    report.latencyBasis() == GateReport.LatencyBasis.INTENDED ? "intended" : "send-to-ack",
                    report.checks().stream().map(Gate::of).toList());
        }
    }

    /**
     * One gate. {@code actual} is null when nothing was measured.
     *
     * @param unit  {@code ratio}, {@code records/s} or {@code ms}
     */
    public record Gate(String gate, boolean passed, Double actual, double limit, String unit) {

        static Gate of(GateReport.Check c) {
            return new Gate(c.gate(), c.passed(), Double.isNaN(c.actual()) ? null : c.actual(), c.limit(), c.unit());
        }
    }

    public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

        static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) return null;
            return new Latency(
                    h.getTotalCount(),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()),
                    h.getMean() / 1000.0);
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    public static Document document(RunResult r, GateReport gates) {
        return document(r, gates, List.of());
    }

    public static Document document(RunResult r, GateReport gates, List<GroupReport> groups) {
        return new Document(
                r.runId(),
                r.status().name(),
                r.stopReason(),
                Instant.ofEpochMilli(r.window().startEpochMillis()).toString(),
                Instant.ofEpochMilli(r.window().endEpochMillis()).toString(),
                new Records(
                        r.total().sent(),
                        r.total().failed(),
                        r.unconfirmed(),
                        r.warmupSent(),
                        r.measured().sent(),
                        r.measured().failed(),
                        r.measured().errorRate(),
                        !r.fireAndForget()),
                r.total().bytes(),
                r.window().elapsedSeconds(),
                r.window().measuredSeconds(),
                r.recordsPerSecond(),
                r.mibPerSecond(),
                Latency.of(r.latencies().sendToAck()),
                Latency.of(r.latencies().intended()),
                Latency.of(r.latencies().scheduleDelay()),
                r.compressionRatio(),
                RecordSize.of(r.shape()),
                Partitions.of(r.shape()),
                r.errors(),
                Shortfall.of(r.shortfall()),
                r.cpuSeconds(),
                r.cpuSecondsPerMillionRecords(),
                Gates.of(gates),
                r.settings(),
                RunCard.of(r.runCard()),
                groups.stream().map(ConsumerGroup::of).toList());
    }

    /**
     * A summary read back ({@code loadgen compare}): what {@link #write} wrote, for a run or a fleet.
     *
     * @throws IllegalArgumentException what the text is instead, in words for a one-line message
     */
    public static Document read(String json) {
        JsonNode tree;
        try {
            tree = Reader.READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) throw new IllegalArgumentException("not a JSON object");
        if (tree.has("shardIndex") && tree.has("ackLatency")) {
            throw new IllegalArgumentException("a shard result (--result-file), not a summary: merge the shards'"
                    + " results with 'loadgen report --summary-json FILE' and compare that");
        }
        for (String field : REQUIRED) {
            if (!tree.has(field)) {
                throw new IllegalArgumentException("not a loadgen summary (no '" + field + "' field)");
            }
        }
        try {
            return Reader.READER.treeToValue(tree, Document.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a loadgen summary (" + e.getOriginalMessage() + ")", e);
        }
    }

    public static String toJson(RunResult r, GateReport gates) throws IOException {
        return toJson(r, gates, List.of());
    }

    public static String toJson(RunResult r, GateReport gates, List<GroupReport> groups) throws IOException {
        return Writer.WRITER.writeValueAsString(document(r, gates, groups));
    }

    public static void write(RunResult r, GateReport gates, Path file) throws IOException {
        write(r, gates, List.of(), file);
    }

    public static void write(RunResult r, GateReport gates, List<GroupReport> groups, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, toJson(r, gates, groups) + "\n");
    }
}
