package io.loadgen.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tune as JSON, for machines: every trial, the best settings with the verdict and its evidence, the frontier
 * (trial numbers) and the settings to apply. Latencies in milliseconds; a figure that was not measured is null.
 */
public final class TuneJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TuneJson() {}

    /**
     * @param objective  {@code max-throughput} or {@code p99-slo}
     * @param sloP99Ms   the latency limit under {@code p99-slo}, else null
     * @param fixed      settings held fixed (acks)
     * @param space      option name to the values searched
     * @param best       null when no trial succeeded
     * @param frontier   trial numbers on the throughput/latency frontier, fastest first
     */
    public record Document(
            String tuneId,
            String objective,
            Double sloP99Ms,
            double budgetSeconds,
            double elapsedSeconds,
            String stopReason,
            Map<String, String> fixed,
            Map<String, List<String>> space,
            List<Trial> trials,
            Best best,
            List<Integer> frontier,
            Apply apply) {}

    /** One trial; {@code meetsSlo} only for paced trials under an SLO. */
    public record Trial(
            int number,
            String phase,
            Map<String, String> settings,
            boolean ok,
            String failure,
            Double recordsPerSecond,
            Double mibPerSecond,
            Double p99Ms,
            String latencyBasis,
            Double cpuSecondsPerMillionRecords,
            long acknowledged,
            long errors,
            Boolean meetsSlo,
            double seconds) {}

    public record Best(
            Map<String, String> settings,
            double recordsPerSecond,
            double mibPerSecond,
            Double p99Ms,
            List<Integer> trials,
            Verdict bottleneck) {}

    public record Verdict(String kind, List<String> evidence, String advice) {}

    /** @param check the {@code loadgen run} line whose summary compares with the best's figure (null: not said) */
    public record Apply(Map<String, String> env, Map<String, String> properties, String args, String check) {}

    public static Document document(String tuneId, TuneResult r, Map<String, String> fixed) {
        Double slo = r.objective() instanceof Objective.LatencySlo s ? s.p99Millis() : null;
        Map<String, List<String>> space = new LinkedHashMap<>();
        r.space().knobs().forEach(k -> space.put(k.option(), r.space().values(k)));
        List<Trial> trials = r.trials().stream().map(TuneJson::trial).toList();
        Best best = null;
        Apply apply = null;
        if (r.best() != null) {
            TuneResult.Best b = r.best();
            Bottleneck v = b.bottleneck();
            best = new Best(
                    b.settings().asOptions(),
                    b.recordsPerSecond(),
                    b.mibPerSecond(),
                    orNull(b.p99Millis()),
                    b.runs().stream().map(TrialRun::number).toList(),
                    new Verdict(v.kind().label(), v.evidence(), v.advice()));
            AppliedSettings a = AppliedSettings.of(b.settings(), fixed);
            apply = new Apply(a.env(), a.properties(), a.args(), r.check() == null ? null : a.checkLine(r.check()));
        }
        return new Document(
                tuneId,
                slo == null ? "max-throughput" : "p99-slo",
                slo,
                r.budgetSeconds(),
                r.elapsedSeconds(),
                r.stopReason(),
                fixed,
                space,
                trials,
                best,
                r.frontier().stream().map(TrialRun::number).toList(),
                apply);
    }

    private static Trial trial(TrialRun r) {
        Measurement m = r.measurement();
        return new Trial(
                r.number(),
                r.phase(),
                r.settings().asOptions(),
                m.ok(),
                m.failure(),
                m.ok() ? m.recordsPerSecond() : null,
                m.ok() ? m.mibPerSecond() : null,
                orNull(m.p99Millis()),
                r.settings().paced() ? "intended" : "send-to-ack",
                orNull(m.cpuSecondsPerMillion()),
                m.sent(),
                m.errors(),
                r.meetsSlo(),
                r.seconds());
    }

    private static Double orNull(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }

    public static String toJson(String tuneId, TuneResult r, Map<String, String> fixed) throws IOException {
        return MAPPER.writeValueAsString(document(tuneId, r, fixed));
    }

    public static void write(String tuneId, TuneResult r, Map<String, String> fixed, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, toJson(tuneId, r, fixed) + "\n");
    }
}
