package io.loadgen.spec;

import java.util.Map;

/**
 * How records reach Kafka and what the client promises about them: the producer settings, transactions, and the
 * header {@code loadgen verify} reads.
 *
 * @param producerConfig the Kafka producer properties, passed to the client untouched
 * @param transactions   how a transactional run commits, or {@code null} for a run without transactions
 * @param sequenceHeader whether every record carries the header that {@code loadgen verify} checks
 */
public record Delivery(Map<String, String> producerConfig, Transactions transactions, boolean sequenceHeader) {

    /** The Kafka client's own defaults of the settings we print, for when the config leaves them out. */
    private static final Map<String, String> CLIENT_DEFAULTS =
            Map.of("acks", "all", "compression.type", "none", "linger.ms", "5", "batch.size", "16384");

    public Delivery {
        producerConfig = Map.copyOf(producerConfig);
    }

    public boolean transactional() {
        return transactions != null;
    }

    /**
     * Whether the producer is idempotent. The spec assembler writes the client's own resolution into the config, so
     * this reads it back; absent (a spec built by hand), it is the client's default rule for acks.
     */
    public boolean idempotent() {
        String v = producerConfig.get("enable.idempotence");
        if (v != null) return Boolean.parseBoolean(v.trim());
        String acks = producerSetting("acks").trim();
        return acks.equals("all") || acks.equals("-1");
    }

    /**
     * Sent with acks=0: the client calls a record sent once it is written to the network, and the broker confirms
     * nothing, so records lost at a broker restart are counted as sent.
     */
    public boolean fireAndForget() {
        return producerSetting("acks").trim().equals("0");
    }

    /** A producer setting as the client will use it: configured, or the client's default for the ones we print. */
    public String producerSetting(String key) {
        return producerConfig.getOrDefault(key, CLIENT_DEFAULTS.get(key));
    }
}
