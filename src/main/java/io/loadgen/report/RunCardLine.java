package io.loadgen.report;

import io.loadgen.stats.RunCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run card in one line of the summary: the machine's processors and limits, the cluster and the topic. The
 * versions of the tool and the JVM are in the JSON only: they rarely explain a figure and would crowd the line.
 */
final class RunCardLine {

    private RunCardLine() {}

    /** For example {@code 2 cores (AMD EPYC), no container limits; cluster 1 broker (metadata.version 4.1-IV1), topic 6 partitions x1}. */
    static String text(RunCard card) {
        RunCard.Machine m = card.machine();
        RunCard.Cluster c = card.cluster();
        StringBuilder sb = new StringBuilder();
        sb.append(m.cores()).append(m.cores() == 1 ? " core" : " cores");
        if (m.cpuModel() != null)
            sb.append(" (").append(shortModel(m.cpuModel())).append(')');
        sb.append(", ").append(limits(m));
        sb.append("; cluster ");
        sb.append(c.brokers() == null ? "?" : c.brokers())
                .append(c.brokers() != null && c.brokers() == 1 ? " broker" : " brokers");
        if (c.brokerVersion() != null) sb.append(" (").append(c.brokerVersion()).append(')');
        sb.append(", topic ")
                .append(c.partitions() == null ? "?" : c.partitions())
                .append(" partitions x")
                .append(c.replicationFactor() == null ? "?" : c.replicationFactor());
        return sb.toString();
    }

    /** "no container limits", or the ones there are: "container limits 1.5 CPUs, 2.0 GiB". */
    static String limits(RunCard.Machine m) {
        List<String> limits = new ArrayList<>();
        if (m.containerCpuLimit() != null) {
            limits.add(String.format(Locale.ROOT, "%s CPUs", Numbers.rate(m.containerCpuLimit())));
        }
        if (m.containerMemoryLimitBytes() != null) limits.add(bytes(m.containerMemoryLimitBytes()));
        return limits.isEmpty() ? "no container limits" : "container limits " + String.join(", ", limits);
    }

    /** "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz" as "Intel Xeon Platinum 8375C": the clock is in the JSON. */
    static String shortModel(String model) {
        return model.replaceAll("\\((R|TM|tm)\\)", "")
                .replaceAll("\\s+@.*$", "")
                .replaceAll("\\s+CPU$", "")
                .replaceAll("\\s+", " ")
                .strip();
    }

    static String bytes(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        if (gib >= 1) return String.format(Locale.ROOT, "%.1f GiB", gib);
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
