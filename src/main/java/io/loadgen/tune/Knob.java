package io.loadgen.tune;

import java.util.Locale;

/**
 * A producer setting the tuner may change. Each is named like the {@code loadgen run} option that sets it, so a
 * result applies as {@code --NAME} or {@code LOADGEN_NAME}. Durability (acks, idempotence, transactions) is not a
 * knob on purpose: it is the user's decision, never traded for speed.
 */
public enum Knob {
    THREADS("threads", true),
    PRODUCERS("producers", true),
    COMPRESSION("compression", false),
    BATCH_SIZE("batch-size", true),
    LINGER_MS("linger-ms", true),
    MAX_IN_FLIGHT("max-in-flight", true);

    private final String option;
    private final boolean ordered;

    Knob(String option, boolean ordered) {
        this.option = option;
        this.ordered = ordered;
    }

    /** The option name without dashes, as {@code run} spells it: {@code batch-size}. */
    public String option() {
        return option;
    }

    /** Whether the values have an order a search can climb (numbers); compression codecs do not. */
    public boolean ordered() {
        return ordered;
    }

    /** @throws IllegalArgumentException naming the accepted names */
    public static Knob ofOption(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Knob k : values()) {
            if (k.option.equals(n)) return k;
        }
        throw new IllegalArgumentException("unknown setting '" + name.trim() + "'");
    }

    public static String accepted() {
        StringBuilder sb = new StringBuilder();
        for (Knob k : values()) sb.append(sb.length() == 0 ? "" : ", ").append(k.option);
        return sb.toString();
    }
}
