package io.loadgen.tune;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings one trial runs with: the searched producer settings and the target rate (0 = as fast as possible).
 * Everything else (acks, payload, topic layout, security) is fixed for the whole tune.
 */
public record TrialSettings(
        int threads, int producers, String compression, int batchSize, int lingerMs, int maxInFlight, double rate) {

    /** A producer serves at least one sender thread; the engine refuses more producers than threads. */
    public boolean valid() {
        return threads >= 1
                && producers >= 1
                && producers <= threads
                && batchSize >= 0
                && lingerMs >= 0
                && maxInFlight >= 1;
    }

    public String value(Knob knob) {
        return switch (knob) {
            case THREADS -> String.valueOf(threads);
            case PRODUCERS -> String.valueOf(producers);
            case COMPRESSION -> compression;
            case BATCH_SIZE -> String.valueOf(batchSize);
            case LINGER_MS -> String.valueOf(lingerMs);
            case MAX_IN_FLIGHT -> String.valueOf(maxInFlight);
        };
    }

    public TrialSettings with(Knob knob, String value) {
        return switch (knob) {
            case THREADS ->
                new TrialSettings(
                        Integer.parseInt(value), producers, compression, batchSize, lingerMs, maxInFlight, rate);
            case PRODUCERS ->
                new TrialSettings(
                        threads, Integer.parseInt(value), compression, batchSize, lingerMs, maxInFlight, rate);
            case COMPRESSION -> new TrialSettings(threads, producers, value, batchSize, lingerMs, maxInFlight, rate);
            case BATCH_SIZE ->
                new TrialSettings(
                        threads, producers, compression, Integer.parseInt(value), lingerMs, maxInFlight, rate);
            case LINGER_MS ->
                new TrialSettings(
                        threads, producers, compression, batchSize, Integer.parseInt(value), maxInFlight, rate);
            case MAX_IN_FLIGHT ->
                new TrialSettings(threads, producers, compression, batchSize, lingerMs, Integer.parseInt(value), rate);
        };
    }

    public TrialSettings withRate(double newRate) {
        return new TrialSettings(threads, producers, compression, batchSize, lingerMs, maxInFlight, newRate);
    }

    /** The same producer settings, whatever the rate: the key under which repeated trials are pooled. */
    public TrialSettings unpaced() {
        return withRate(0);
    }

    public boolean paced() {
        return rate > 0;
    }

    /** Option name to value, in {@link Knob} order, then {@code rate} when paced. */
    public Map<String, String> asOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Knob k : Knob.values()) m.put(k.option(), value(k));
        if (paced()) m.put("rate", String.format(Locale.ROOT, "%.0f", rate));
        return m;
    }

    /** {@code threads=1 producers=1 compression=lz4 batch-size=1048576 ...}, for progress lines. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        asOptions()
                .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ")
                        .append(k)
                        .append('=')
                        .append(v));
        return sb.toString();
    }
}
