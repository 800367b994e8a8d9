package io.loadgen.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values the tuner may try for each knob it searches, ordered for the numeric ones. The starting value is always
 * among them, so "keep what you have" is a candidate. Knobs left out stay at their starting value.
 */
public final class SearchSpace {

    static final List<String> COMPRESSIONS = List.of("none", "lz4", "snappy", "zstd");
    static final List<Integer> BATCH_SIZES = List.of(16_384, 65_536, 262_144, 1_048_576);
    static final List<Integer> LINGERS_MS = List.of(0, 5, 20, 50, 100);
    /** Above 5 the client refuses idempotence, which is part of the durability the user fixed. */
    static final List<Integer> MAX_IN_FLIGHTS = List.of(1, 2, 5);

    private final Map<Knob, List<String>> values;

    public SearchSpace(Map<Knob, List<String>> values) {
        Map<Knob, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) copy.put(k, List.copyOf(v));
        });
        this.values = copy;
    }

    /**
     * The default space around {@code base}: thread and producer counts up to the cores (at least 2), the usual
     * batch sizes, lingers and codecs. gzip is left out unless it is the starting codec: it is the slowest codec
     * in every published comparison, and a trial spent on it is a trial not spent elsewhere.
     *
     * @param knobs which knobs to search; the others keep the base value
     */
    public static SearchSpace around(TrialSettings base, Set<Knob> knobs, int processors) {
        int maxThreads = Math.max(2, processors);
        Map<Knob, List<String>> v = new LinkedHashMap<>();
        for (Knob k : knobs) {
            List<String> candidates = switch (k) {
                case THREADS -> numbers(List.of(1, 2, 4, 8), base.threads(), maxThreads);
                case PRODUCERS -> numbers(List.of(1, 2, 4), base.producers(), maxThreads);
                case COMPRESSION -> {
                    Set<String> c = new LinkedHashSet<>(COMPRESSIONS);
                    c.add(base.compression());
                    yield new ArrayList<>(c);
                }
                case BATCH_SIZE -> numbers(BATCH_SIZES, base.batchSize(), Integer.MAX_VALUE);
                case LINGER_MS -> numbers(LINGERS_MS, base.lingerMs(), Integer.MAX_VALUE);
                case MAX_IN_FLIGHT -> numbers(MAX_IN_FLIGHTS, base.maxInFlight(), Integer.MAX_VALUE);
            };
            v.put(k, candidates);
        }
        return new SearchSpace(v);
    }

    private static List<String> numbers(List<Integer> usual, int base, int max) {
        Set<Integer> set = new java.util.TreeSet<>(Comparator.naturalOrder());
        for (int n : usual) if (n <= max) set.add(n);
        set.add(base);
        return set.stream().map(String::valueOf).toList();
    }

    /** The knobs searched, in the order the search visits them. */
    public List<Knob> knobs() {
        return List.copyOf(values.keySet());
    }

    public List<String> values(Knob knob) {
        return values.getOrDefault(knob, List.of());
    }

    /** Size of the full grid over this space: what a naive search would run. */
    public long gridSize() {
        long n = 1;
        for (List<String> v : values.values()) n *= v.size();
        return n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ")
                .append(k.option())
                .append(' ')
                .append(String.join(",", v)));
        return sb.toString();
    }
}
