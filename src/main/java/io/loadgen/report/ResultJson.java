package io.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadgen.stats.RunResult;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The summary as JSON, for machines: the same numbers as {@link SummaryPrinter}, settings with secrets masked.
 * Plain records with stable field names; latencies in milliseconds.
 */
public final class ResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    /** The JSON document of a result. */
    public record Document(String runId, String status, String stopReason, String startedAt, String endedAt,
                           Records records, long bytes, double elapsedSeconds, double measuredSeconds,
                           double recordsPerSecond, double mibPerSecond, Latency sendToAckLatencyMs,
                           Latency intendedLatencyMs, Double compressionRatio, Map<String, Long> errors,
                           Map<String, Object> settings) {
    }

    public record Records(long sent, long failed, long warmup, long measured) {
    }

    public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

        static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) return null;
            return new Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1000.0);
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    public static Document document(RunResult r) {
        return new Document(r.runId(), r.status().name(), r.stopReason(), Instant.ofEpochMilli(r.startEpochMillis()).toString(),
                Instant.ofEpochMilli(r.endEpochMillis()).toString(),
                new Records(r.sent(), r.failed(), r.warmupSent(), r.measuredSent()), r.bytes(), r.elapsedSeconds(),
                r.measuredSeconds(), r.recordsPerSecond(), r.mibPerSecond(), Latency.of(r.ackLatency()),
                Latency.of(r.intendedLatency()), r.compressionRatio(), r.errors(), r.settings());
    }

    public static String toJson(RunResult r) throws IOException {
        return MAPPER.writeValueAsString(document(r));
    }

    public static void write(RunResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, toJson(r) + "\n");
    }
}
