package io.loadgen.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether two summaries can be set side by side, from their {@code settings} and run cards.
 *
 * <p>Not comparable: what was asked of the run (records, rate, threads, payload, every producer setting but the
 * addresses and credentials), the topic and cluster (partitions, replication factor, brokers) and the machine
 * (processors, CPU model, container limits), and record sizes more than {@link #RECORD_SIZE_PERCENT}% apart. Only
 * differing, and never in the way of a verdict: what a comparison usually sets out to vary (the tool's version, the
 * runtime and Java, the cluster's metadata.version).
 *
 * @param notComparable one line each, {@code partitions 6 vs 12}
 * @param differences   one line each, {@code loadgen version 0.1.0 vs 0.2.0}
 */
public record Comparability(List<String> notComparable, List<String> differences) {

    /** Mean record sizes further apart than this, in percent of the larger, make runs of other workloads. */
    static final double RECORD_SIZE_PERCENT = 5;

    /** Settings that name a run rather than shape it. */
    private static final Set<String> NAMING = Set.of("run-id", "topic", "gates", "watch-group", "shard", "shards");

    /** Producer settings that say where and who, not how: the same load against another address is comparable. */
    private static final Set<String> ADDRESSING = Set.of("bootstrap.servers", "client.id", "transactional.id");

    public boolean comparable() {
        return notComparable.isEmpty();
    }

    public static Comparability of(ResultJson.Document baseline, ResultJson.Document candidate) {
        List<String> not = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        boolean cards = baseline.runCard() != null && candidate.runCard() != null;
        int shardsA = shards(baseline.settings());
        int shardsB = shards(candidate.settings());
        if (shardsA != shardsB) not.add("shards " + shardsA + " vs " + shardsB);
        boolean fleetA = isFleetReport(baseline.settings()), fleetB = isFleetReport(candidate.settings());
        if (shardsA == shardsB && shardsA > 1 && fleetA != fleetB) {
            not.add("the " + (fleetA ? "candidate" : "baseline") + "'s settings are one shard's share of the fleet of "
                    + shardsA + " (a shard's own summary, or a fleet summary of an earlier loadgen), the "
                    + (fleetA ? "baseline" : "candidate") + "'s the fleet's: compare fleet summaries of one version");
        }
        Map<String, String> a = settings(baseline.settings(), cards);
        Map<String, String> b = settings(candidate.settings(), cards);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            String x = a.getOrDefault(k, "(not set)");
            String y = b.getOrDefault(k, "(not set)");
            if (!x.equals(y)) not.add(k + " " + x + " vs " + y);
        }
        recordSize(baseline, candidate, not);
        if (cards) {
            cards(baseline.runCard(), candidate.runCard(), not, differ);
        } else if (baseline.runCard() != null || candidate.runCard() != null) {
            differ.add("only the " + (baseline.runCard() == null ? "candidate" : "baseline")
                    + " has a run card (the other is from an older loadgen): machine and cluster not checked");
        }
        return new Comparability(List.copyOf(not), List.copyOf(differ));
    }

    private static void cards(ResultJson.RunCard a, ResultJson.RunCard b, List<String> not, List<String> differ) {
        ResultJson.Topic ta = a.topic() == null ? new ResultJson.Topic(null, null, null) : a.topic();
        ResultJson.Topic tb = b.topic() == null ? new ResultJson.Topic(null, null, null) : b.topic();
        known(not, "partitions", ta.partitions(), tb.partitions());
        known(not, "replication factor", ta.replicationFactor(), tb.replicationFactor());
        known(not, "brokers", a.brokers(), b.brokers());
        if (a.cores() != b.cores()) not.add("cores " + a.cores() + " vs " + b.cores());
        known(not, "CPU model", a.cpuModel(), b.cpuModel());
        if (!Objects.equals(a.containerCpuLimit(), b.containerCpuLimit())) {
            not.add("container CPU limit " + cpus(a.containerCpuLimit()) + " vs " + cpus(b.containerCpuLimit()));
        }
        if (!Objects.equals(a.containerMemoryLimitBytes(), b.containerMemoryLimitBytes())) {
            not.add("container memory limit " + memory(a.containerMemoryLimitBytes()) + " vs "
                    + memory(b.containerMemoryLimitBytes()));
        }
        known(differ, "loadgen version", a.loadgenVersion(), b.loadgenVersion());
        known(differ, "runtime", a.runtime(), b.runtime());
        known(differ, "Java", a.javaVersion(), b.javaVersion());
        known(differ, "Java VM", a.javaVm(), b.javaVm());
        known(differ, "broker", a.brokerVersion(), b.brokerVersion());
    }

    /** A difference of two facts both known; an unknown fact (null) differs from nothing. */
    private static void known(List<String> lines, String name, Object a, Object b) {
        if (a != null && b != null && !a.equals(b)) lines.add(name + " " + a + " vs " + b);
    }

    private static void recordSize(ResultJson.Document a, ResultJson.Document b, List<String> not) {
        if (a.recordSizeBytes() == null || b.recordSizeBytes() == null) return;
        double x = a.recordSizeBytes().mean();
        double y = b.recordSizeBytes().mean();
        if (Math.abs(x - y) > Math.max(x, y) * RECORD_SIZE_PERCENT / 100) {
            not.add(String.format(Locale.ROOT, "record size mean %,.1f B vs %,.1f B", x, y));
        }
    }

    /**
     * The settings that shape a run, flat: the producer's by their own names ({@code acks}, {@code linger.ms}),
     * without addresses and credentials. With run cards on both sides the topic's creation is left to them: a topic
     * created by one run and reused by the next is the same topic.
     */
    static Map<String, String> settings(Map<String, Object> settings, boolean cards) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (settings == null) return flat;
        settings.forEach((k, v) -> {
            if (NAMING.contains(k) || (cards && k.equals("create-topic"))) return;
            if (v instanceof Map<?, ?> producer) {
                producer.forEach((pk, pv) -> {
                    String name = String.valueOf(pk);
                    if (ADDRESSING.contains(name) || name.startsWith("ssl.") || name.startsWith("sasl.")) return;
                    flat.put(name, String.valueOf(pv));
                });
            } else {
                flat.put(k, String.valueOf(v));
            }
        });
        return flat;
    }

    /** A fleet report's settings, which hold the fleet's totals and {@code shards}, not one shard's share. */
    static boolean isFleetReport(Map<String, Object> settings) {
        return settings != null && settings.get("shards") instanceof Number;
    }

    /**
     * The fleet's size: a fleet report's {@code shards} setting, or a shard's {@code shard} ({@code 0/4 (Message
     * numbers from 0)}); 1 without either.
     */
    static int shards(Map<String, Object> settings) {
        if (settings != null && settings.get("shards") instanceof Number n) return n.intValue();
        Object shard = settings == null ? null : settings.get("shard");
        if (shard == null) return 1;
        String s = shard.toString();
        int slash = s.indexOf('/');
        if (slash < 0) return 1;
        int end = slash + 1;
        while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
        try {
            return Integer.parseInt(s.substring(slash + 1, end));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String cpus(Double limit) {
        return limit == null ? "none" : Numbers.rate(limit);
    }

    private static String memory(Long limit) {
        return limit == null ? "none" : RunCardLine.bytes(limit);
    }
}
