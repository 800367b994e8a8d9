package io.loadgen.cli;

import io.loadgen.spec.Durations;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.PayloadType;
import io.loadgen.spec.Warmup;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns parsed options plus the {@code kafka.*} configuration into a validated {@link LoadSpec}. Every check of
 * user input lives here, and each failure names the option and what it accepts.
 */
final class SpecAssembler {

    static final long DEFAULT_MESSAGES = 2_000_000L;
    static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    static final List<String> ACKS = List.of("0", "1", "all", "-1");
    /** Producer properties the engine sets itself. */
    private static final List<String> ENGINE_OWNED = List.of("key.serializer", "value.serializer");

    private SpecAssembler() {
    }

    /**
     * @param o           parsed options, defaults already applied from configuration
     * @param kafkaConfig the {@code kafka.*} properties (prefix stripped), passed to the producer untouched
     */
    static LoadSpec assemble(RunOptions o, Map<String, ?> kafkaConfig) {
        String topic = require(o.topic, "--topic");
        if (topic.isBlank()) throw new UsageException("--topic must not be empty");

        Duration duration = o.duration;
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new UsageException("--duration must be longer than 0 (examples: 30s, 5m, 1h), got " + Durations.format(duration));
        }
        long messages = o.messages != null ? positive(o.messages, "--messages")
                : duration != null ? LoadSpec.UNLIMITED : DEFAULT_MESSAGES;

        double rate = o.rate == null ? 0 : o.rate;
        if (rate < 0) throw new UsageException("--rate must be 0 (unlimited) or a positive number of records/s, got " + o.rate);
        int threads = (int) positive(require(o.threads, "--threads"), "--threads");
        int producers = (int) positive(require(o.producers, "--producers"), "--producers");
        if (producers > threads) {
            throw new UsageException("--producers (" + producers + ") must not exceed --threads (" + threads + "): each producer needs a sender thread");
        }

        LoadSpec.TopicSetup topicSetup = new LoadSpec.TopicSetup(Boolean.TRUE.equals(o.createTopic),
                (int) positive(require(o.partitions, "--partitions"), "--partitions"),
                (short) range(require(o.replicationFactor, "--replication-factor"), "--replication-factor", 1, Short.MAX_VALUE));

        return new LoadSpec(runId(o.runId), topic, messages, duration, rate, threads, producers, warmup(o.warmup),
                topicSetup, payload(o), producerConfig(o, kafkaConfig),
                positiveDuration(require(o.reportInterval, "--report-interval"), "--report-interval"),
                positiveDuration(require(o.connectTimeout, "--connect-timeout"), "--connect-timeout"),
                nonNegativeDuration(require(o.stopTimeout, "--stop-timeout"), "--stop-timeout"));
    }

    static PayloadSpec payload(RunOptions o) {
        String type = o.payload == null ? (o.payloadFile != null ? "file" : "seed") : o.payload.trim().toLowerCase(Locale.ROOT);
        // --payload-file alone means a file payload even though the configured default says seed.
        if (o.payloadFile != null && type.equals("seed")) type = "file";
        PayloadType payloadType = switch (type) {
            case "seed" -> PayloadType.SEED;
            case "fixed" -> PayloadType.FIXED;
            case "file" -> PayloadType.FILE;
            default -> throw new UsageException("--payload must be one of seed, fixed, file; got '" + o.payload + "'");
        };
        int recordSize = (int) range(require(o.recordSize, "--record-size"), "--record-size", 1, 100 * 1024 * 1024);
        if (payloadType == PayloadType.FILE) {
            if (o.payloadFile == null) throw new UsageException("--payload file needs --payload-file FILE");
            if (!Files.isRegularFile(o.payloadFile) || !Files.isReadable(o.payloadFile)) {
                throw new UsageException("--payload-file " + o.payloadFile + " does not exist or is not a readable file");
            }
            try {
                if (Files.size(o.payloadFile) == 0) throw new UsageException("--payload-file " + o.payloadFile + " is empty: it needs one record per line");
            } catch (java.io.IOException e) {
                throw new UsageException("--payload-file " + o.payloadFile + " cannot be read: " + e.getMessage());
            }
        }
        int cardinality = (int) positive(require(o.resourceCardinality, "--resource-cardinality"), "--resource-cardinality");
        return new PayloadSpec(payloadType, recordSize, o.payloadFile, levelWeights(o.levelWeights), cardinality,
                keys(o.keys), require(o.seed, "--seed"));
    }

    static KeyStrategy keys(String value) {
        String v = value == null ? "none" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "none" -> KeyStrategy.NONE;
            case "resource-id", "resourceid", "resource_id" -> KeyStrategy.RESOURCE_ID;
            case "random" -> KeyStrategy.RANDOM;
            default -> throw new UsageException("--keys must be one of none, resource-id, random; got '" + value + "'");
        };
    }

    /** {@code 1,1,1,1} (INFO,WARN,ERROR,DEBUG) or {@code INFO=70,WARN=20,ERROR=5,DEBUG=5} (absent levels weigh 0). */
    static int[] levelWeights(String value) {
        String accepted = "--level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5)";
        if (value == null || value.isBlank()) return new int[]{1, 1, 1, 1};
        int[] weights = new int[PayloadSpec.LEVELS.length];
        String[] parts = value.split(",");
        boolean named = value.contains("=");
        if (!named && parts.length != weights.length) throw new UsageException(accepted + "; got '" + value + "'");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            int index = i;
            String number = part;
            if (named) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) throw new UsageException(accepted + "; got '" + value + "'");
                index = List.of(PayloadSpec.LEVELS).indexOf(kv[0].trim().toUpperCase(Locale.ROOT));
                if (index < 0) throw new UsageException(accepted + "; unknown level '" + kv[0].trim() + "'");
                number = kv[1].trim();
            }
            try {
                weights[index] = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new UsageException(accepted + "; '" + number + "' is not a whole number");
            }
            if (weights[index] < 0) throw new UsageException(accepted + "; weights must not be negative");
        }
        if (java.util.Arrays.stream(weights).sum() <= 0) throw new UsageException(accepted + "; at least one weight must be positive");
        return weights;
    }

    static Warmup warmup(String value) {
        if (value == null || value.isBlank()) return Warmup.NONE;
        String v = value.trim();
        if (v.matches("[0-9_]+[kKmM]?")) {
            long records = Converters.parseCount(v);
            return records == 0 ? Warmup.NONE : new Warmup(records, Duration.ZERO);
        }
        try {
            Duration d = Durations.parse(v);
            if (d.isNegative()) throw new IllegalArgumentException();
            return d.isZero() ? Warmup.NONE : new Warmup(0, d);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--warmup takes a record count (10000) or a time (5s); got '" + value + "'");
        }
    }

    /**
     * The producer's properties: the {@code kafka.*} configuration, then the first-class options, then
     * {@code --producer-property}, each overriding the one before.
     */
    static Map<String, String> producerConfig(RunOptions o, Map<String, ?> kafkaConfig) {
        Map<String, String> config = new LinkedHashMap<>();
        kafkaConfig.forEach((k, v) -> {
            // quarkus-kafka-client adds a consumer group id to its shared config; a producer has no use for it.
            if (!k.equals("group.id") && v != null) config.put(k, String.valueOf(v));
        });
        String bootstrap = require(o.bootstrapServers, "--bootstrap-servers").trim();
        if (bootstrap.isEmpty()) throw new UsageException("--bootstrap-servers must name at least one HOST:PORT");
        config.put("bootstrap.servers", bootstrap);
        if (o.acks != null) {
            String acks = o.acks.trim().toLowerCase(Locale.ROOT);
            if (!ACKS.contains(acks)) throw new UsageException("--acks must be one of 0, 1, all (or -1); got '" + o.acks + "'");
            config.put("acks", acks);
        }
        if (o.lingerMs != null) config.put("linger.ms", String.valueOf(range(o.lingerMs, "--linger-ms", 0, Integer.MAX_VALUE)));
        if (o.batchSize != null) config.put("batch.size", String.valueOf(range(o.batchSize, "--batch-size", 0, Integer.MAX_VALUE)));
        if (o.compression != null) {
            String c = o.compression.trim().toLowerCase(Locale.ROOT);
            if (!COMPRESSIONS.contains(c)) {
                throw new UsageException("--compression must be one of " + String.join(", ", COMPRESSIONS) + "; got '" + o.compression + "'");
            }
            config.put("compression.type", c);
        }
        if (o.maxInFlight != null) config.put("max.in.flight.requests.per.connection", String.valueOf(positive(o.maxInFlight, "--max-in-flight")));
        if (o.bufferMemory != null) config.put("buffer.memory", String.valueOf(positive(o.bufferMemory, "--buffer-memory")));
        if (o.clientId != null && !o.clientId.isBlank()) config.put("client.id", o.clientId.trim());
        o.producerProperties.forEach((k, v) -> {
            String key = k.trim();
            if (key.isEmpty()) throw new UsageException("--producer-property takes KEY=VALUE; got '=" + v + "'");
            if (ENGINE_OWNED.contains(key)) throw new UsageException("--producer-property " + key + " cannot be changed: records are sent as bytes");
            config.put(key, v);
        });
        ENGINE_OWNED.forEach(config::remove);
        return config;
    }

    static String runId(String given) {
        if (given != null && !given.isBlank()) {
            if (!given.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new UsageException("--run-id takes 1-64 letters, digits, '.', '_' or '-'; got '" + given + "'");
            }
            return given;
        }
        return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
    }

    private static <T> T require(T value, String option) {
        if (value == null) throw new UsageException(option + " has no value and no default (set it, or LOADGEN_"
                + option.substring(2).replace('-', '_').toUpperCase(Locale.ROOT) + ")");
        return value;
    }

    private static long positive(long value, String option) {
        if (value <= 0) throw new UsageException(option + " must be a positive whole number, got " + value);
        return value;
    }

    private static long range(long value, String option, long min, long max) {
        if (value < min || value > max) throw new UsageException(option + " must be between " + min + " and " + max + ", got " + value);
        return value;
    }

    private static Duration positiveDuration(Duration d, String option) {
        if (d.isZero() || d.isNegative()) throw new UsageException(option + " must be longer than 0 (examples: 1s, 30s), got " + Durations.format(d));
        return d;
    }

    private static Duration nonNegativeDuration(Duration d, String option) {
        if (d.isNegative()) throw new UsageException(option + " must not be negative, got " + d);
        return d;
    }
}
