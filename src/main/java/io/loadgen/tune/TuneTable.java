package io.loadgen.tune;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The human report of a tune: every trial, the best settings with the bottleneck verdict, the frontier, how to apply. */
public final class TuneTable {

    private static final String ROW = "%3s %-1s %-18s %4s %4s %-6s %9s %6s %5s %9s %12s %7s %9s %7s %6s%n";

    private TuneTable() {}

    /** The progress line printed as each trial ends. */
    public static String progressLine(TrialRun r, int budgetLeftSeconds) {
        Measurement m = r.measurement();
        String outcome = !m.ok()
                ? "FAILED: " + m.failure()
                : String.format(
                        Locale.ROOT,
                        "%,.0f records/s, %.1f MiB/s, p99 %s ms%s%s",
                        m.recordsPerSecond(),
                        m.mibPerSecond(),
                        TrialRun.millis(m.p99Millis()),
                        m.errors() > 0 ? ", " + m.errors() + " errors" : "",
                        r.meetsSlo() == null ? "" : r.meetsSlo() ? ", meets the SLO" : ", misses the SLO");
        return String.format(
                Locale.ROOT,
                "trial %d (%s) %s: %s [%.1f s; budget left %d s]",
                r.number(),
                r.phase(),
                r.settings().describe(),
                outcome,
                r.seconds(),
                Math.max(0, budgetLeftSeconds));
    }

    public static void print(TuneResult result, Map<String, String> fixed, PrintStream out) {
        out.print(text(result, fixed));
        out.flush();
    }

    public static String text(TuneResult result, Map<String, String> fixed) {
        StringBuilder sb = new StringBuilder();
        boolean slo = result.objective() instanceof Objective.LatencySlo;
        sb.append(String.format(
                Locale.ROOT,
                "%n=== loadgen tune: %s; %d trials in %.0f s of a %.0f s budget (%s) ===%n",
                result.objective().describe(),
                result.trials().size(),
                result.elapsedSeconds(),
                result.budgetSeconds(),
                result.stopReason()));
        sb.append("searched: ")
                .append(result.space())
                .append(" (full grid: ")
                .append(String.format(Locale.ROOT, "%,d", result.space().gridSize()))
                .append(" trials)\n");
        if (!fixed.isEmpty()) sb.append("fixed:    ").append(join(fixed)).append('\n');
        sb.append("p99 is ")
                .append(
                        slo
                                ? "from the intended send time for paced trials (rate > 0), send→ack for unpaced ones"
                                : "send→ack (unpaced trials)")
                .append("; * best, f on the throughput/latency frontier\n\n");
        sb.append(String.format(
                Locale.ROOT,
                ROW,
                "#",
                "",
                "phase",
                "thr",
                "prod",
                "compr",
                "batch",
                "linger",
                "infl",
                "rate",
                "records/s",
                "MiB/s",
                "p99 ms",
                "CPU s/M",
                "errors"));
        Set<TrialRun> bestRuns =
                result.best() == null ? Set.of() : Set.copyOf(result.best().runs());
        Set<TrialRun> front = Set.copyOf(result.frontier());
        for (TrialRun r : result.trials()) {
            TrialSettings s = r.settings();
            Measurement m = r.measurement();
            String mark = bestRuns.contains(r) ? "*" : front.contains(r) ? "f" : "";
            sb.append(String.format(
                    Locale.ROOT,
                    ROW,
                    r.number(),
                    mark,
                    r.phase(),
                    s.threads(),
                    s.producers(),
                    s.compression(),
                    s.batchSize(),
                    s.lingerMs(),
                    s.maxInFlight(),
                    s.paced() ? String.format(Locale.ROOT, "%.0f", s.rate()) : "max",
                    m.ok() ? String.format(Locale.ROOT, "%,.0f", m.recordsPerSecond()) : "FAILED",
                    m.ok() ? String.format(Locale.ROOT, "%.1f", m.mibPerSecond()) : "-",
                    m.ok() ? TrialRun.millis(m.p99Millis()) : "-",
                    Double.isNaN(m.cpuSecondsPerMillion())
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.2f", m.cpuSecondsPerMillion()),
                    m.ok() ? String.valueOf(m.errors()) : "-"));
            if (!m.ok()) sb.append("      ").append(m.failure()).append('\n');
        }
        if (result.best() == null) {
            sb.append("\nno trial succeeded")
                    .append(slo ? " in meeting the SLO" : "")
                    .append(": ")
                    .append(result.stopReason())
                    .append('\n');
            return sb.toString();
        }
        TuneResult.Best best = result.best();
        TrialRun base = result.baseline();
        sb.append("\nbest:     ").append(best.settings().describe()).append('\n');
        sb.append(String.format(
                Locale.ROOT,
                "          %,.0f records/s, %.1f MiB/s, p99 %s ms%s%n",
                best.recordsPerSecond(),
                best.mibPerSecond(),
                TrialRun.millis(best.p99Millis()),
                best.runs().size() > 1
                        ? " (mean of trials "
                                + best.runs().stream()
                                        .map(r -> "#" + r.number())
                                        .collect(Collectors.joining(", ")) + ")"
                        : " (trial #" + best.last().number()
                                + (best.last().number() == 1
                                        ? ")"
                                        : "; measured once, the budget left no confirmation)")));
        if (base != null && base.measurement().clean() && !slo) {
            double gain = best.recordsPerSecond() / base.measurement().recordsPerSecond() - 1;
            sb.append(String.format(
                    Locale.ROOT,
                    "          %+.0f%% against the starting settings (trial #1: %,.0f records/s)%n",
                    100 * gain,
                    base.measurement().recordsPerSecond()));
        }
        Bottleneck b = best.bottleneck();
        sb.append("bottleneck: ")
                .append(b.kind().label())
                .append(" (trial #")
                .append(best.last().number())
                .append(")\n");
        for (String e : b.evidence()) sb.append("  - ").append(e).append('\n');
        sb.append("  next: ").append(b.advice()).append('\n');

        sb.append("\ntrade-off frontier (no other trial is both faster and lower in p99")
                .append(slo ? "; paced trials" : "")
                .append("), fastest first:\n");
        for (TrialRun r : result.frontier()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  #%-3d %,12.0f records/s  p99 %8s ms  %s%n",
                    r.number(),
                    r.measurement().recordsPerSecond(),
                    TrialRun.millis(r.measurement().p99Millis()),
                    r.settings().describe()));
        }

        AppliedSettings apply = AppliedSettings.of(best.settings(), fixed);
        sb.append("\napply it: env vars (Kubernetes ConfigMap data, docker run -e):\n");
        apply.env()
                .forEach((k, v) ->
                        sb.append("  ").append(k).append('=').append(v).append('\n'));
        sb.append("or application.properties:\n");
        apply.properties()
                .forEach((k, v) ->
                        sb.append("  ").append(k).append('=').append(v).append('\n'));
        sb.append("or: loadgen run ").append(apply.args()).append('\n');
        sb.append("    docker run --rm --network host ")
                .append(apply.dockerEnvFlags())
                .append(" kafka-loadgen:latest run\n");
        RerunCheck check = result.check();
        if (check != null) {
            sb.append(
                            "\ncheck it (compare the summary's throughput with the best above; --warmup leaves out what the tune's ")
                    .append("JVM warm-up and each trial's warm-up left out):\n");
            sb.append("  ").append(apply.checkLine(check)).append('\n');
        }
        return sb.toString();
    }

    private static String join(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
