package io.loadgen.cli;

import io.loadgen.engine.BadSettingException;
import io.loadgen.engine.Idempotence;
import io.loadgen.payload.FileLinesGenerator;
import io.loadgen.spec.Delivery;
import io.loadgen.spec.Distribution;
import io.loadgen.spec.Durations;
import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.PayloadType;
import io.loadgen.spec.Placement;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.Senders;
import io.loadgen.spec.ShardSpec;
import io.loadgen.spec.SloGates;
import io.loadgen.spec.TemplateSource;
import io.loadgen.spec.Timing;
import io.loadgen.spec.TopicSpec;
import io.loadgen.spec.Transactions;
import io.loadgen.spec.Warmup;
import io.loadgen.spec.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns parsed options plus the {@code kafka.*} configuration into a validated {@link LoadSpec}. Every check of
 * user input lives here, and each failure names the option and what it accepts.
 */
final class SpecAssembler {

    /** A throughput gate this far above a constant rate cannot pass: more than the ms-rounding of a short window. */
    private static final double ABOVE_RATE = 0.01;

    static final long DEFAULT_RECORDS = 2_000_000L;
    static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    static final List<String> ACKS = List.of("0", "1", "all", "-1");
    private static final Pattern MICROS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:us|µs)");
    /** Producer properties the engine sets itself. */
    private static final List<String> ENGINE_OWNED = List.of("key.serializer", "value.serializer");

    private SpecAssembler() {}

    /**
     * @param o           parsed options, defaults already applied from configuration
     * @param kafkaConfig the {@code kafka.*} properties (prefix stripped), passed to the producer untouched
     */
    static LoadSpec assemble(RunOptions o, Map<String, ?> kafkaConfig) {
        String topic = require(o.topic, "--topic");
        if (topic.isBlank()) throw new UsageException("--topic must not be empty");
        topicName(topic, "--topic");
        if (o.controlTopic != null) topicName(o.controlTopic, "--control-topic");
        if (o.resultsTopic != null) topicName(o.resultsTopic, "--results-topic");
        OptionConflicts.check(o);

        Duration duration = o.duration;
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new UsageException(
                    "--duration must be longer than 0 (examples: 30s, 5m, 1h), got " + Durations.format(duration));
        }
        RateShape rate = rateShape(o);
        // A ramp or steps run lasts as long as its shape unless told otherwise: a --duration, or a --records count
        // that the last rate then sends to the end. A shape that ends at rate 0 never sends the rest: it still ends
        // with the shape.
        boolean shaped = duration == null && rate != null && !rate.length().isZero();
        long records;
        if (o.records != null || o.formerRecords != null) {
            records = records(o, null);
            if (shaped && Double.isInfinite(rate.dueSeconds(records - 1))) duration = rate.length();
        } else {
            if (shaped) duration = rate.length();
            records = records(o, duration);
        }
        Warmup warmup = warmup(o.warmup);
        leavesSomethingToMeasure(warmup, o.warmup, records, duration);
        if (rate != null) leavesSomethingToMeasureAtRate(warmup, o.warmup, records, rate);

        int threads = (int) positive(require(o.producer.threads, "--threads"), "--threads");
        int producers = (int) positive(require(o.producer.producers, "--producers"), "--producers");
        if (producers > threads) {
            throw new UsageException("--producers (" + producers + ") must not exceed --threads (" + threads
                    + "): each producer needs a sender thread");
        }

        TopicSpec topicSpec = new TopicSpec(
                topic,
                Boolean.TRUE.equals(o.createTopic),
                (int) positive(require(o.topicAndPayload.partitions, "--partitions"), "--partitions"),
                (short) range(
                        require(o.topicAndPayload.replicationFactor, "--replication-factor"),
                        "--replication-factor",
                        1,
                        Short.MAX_VALUE));

        ShardSpec shard = shard(o);
        if (!shard.single() && (o.runId == null || o.runId.isBlank())) {
            throw new UsageException("--run-id is required with --shard-count " + shard.count()
                    + ": every shard of a run must name the same run (in Kubernetes the Job's uid, see k8s/)");
        }
        long firstPosition = shard.offset(records);
        records = shard.records(records);
        if (rate != null && !shard.single()) {
            rate = rate instanceof RateShape.Constant c
                    ? new RateShape.Constant(shard.rate(c.ratePerSecond()))
                    : rate.scaled(1.0 / shard.count());
        }
        if (records == 0) {
            throw new UsageException("--records " + records(o, duration) + " leaves shard " + shard
                    + " nothing to send; use fewer shards");
        }
        Map<String, String> producerConfig = producerConfig(o.producer, kafkaConfig);
        Transactions transactions = transactions(o.producer, producerConfig);
        if (transactions != null) {
            if (producers != 1 && producers != threads) {
                throw new UsageException(
                        "--transactional gives every sender thread its own producer: --producers must be 1 or "
                                + "--threads (" + threads + "), got " + producers);
            }
            producers = threads;
        }
        // The client's own decision, written out, so the summary and the result file say whether retries could
        // duplicate.
        producerConfig.put("enable.idempotence", String.valueOf(resolveIdempotence(producerConfig, transactions)));
        if (!shard.single()) {
            // Each shard its own client id, so broker quotas, logs and metrics tell the pods apart.
            producerConfig.put(
                    "client.id", producerConfig.getOrDefault("client.id", "loadgen") + "-shard" + shard.index());
        }
        String runId = runId(o.runId);
        PayloadSpec payload = payload(o);
        boolean sequenceHeader = Boolean.TRUE.equals(o.sequenceHeader);
        ProducerSettingsCheck.check(producerConfig, o.producer.producerProperties, payload, runId, sequenceHeader);
        return new LoadSpec(
                runId,
                new Placement(shard, firstPosition),
                topicSpec,
                new Workload(records, duration, rate, shardWarmup(warmup, shard)),
                new Senders(threads, producers),
                payload,
                new Delivery(producerConfig, transactions, sequenceHeader),
                new Timing(
                        positiveDuration(require(o.reportInterval, "--report-interval"), "--report-interval"),
                        positiveDuration(require(o.producer.connectTimeout, "--connect-timeout"), "--connect-timeout"),
                        nonNegativeDuration(require(o.producer.stopTimeout, "--stop-timeout"), "--stop-timeout")),
                gates(o),
                watch(o.watch));
    }

    /** The scale-out options, checked: durations positive, topic names Kafka accepts, three topics that differ. */
    static FleetPlan fleet(RunOptions o, ShardSpec shard, String loadTopic) {
        String control = topicName(require(o.controlTopic, "--control-topic"), "--control-topic");
        String results = topicName(require(o.resultsTopic, "--results-topic"), "--results-topic");
        if (control.equals(results)) {
            throw new UsageException(
                    "--control-topic and --results-topic must be different topics; both are '" + control + "'");
        }
        for (String[] t : new String[][] {{"--control-topic", control}, {"--results-topic", results}}) {
            if (t[1].equals(loadTopic)) {
                throw new UsageException(t[0] + " must not be the topic under load ('" + loadTopic + "'): its records "
                        + "would be counted by readers of the load");
            }
        }
        return new FleetPlan(
                Boolean.TRUE.equals(o.barrier),
                positiveDuration(require(o.barrierTimeout, "--barrier-timeout"), "--barrier-timeout"),
                control,
                results,
                o.publishResult != null ? o.publishResult : !shard.single(),
                Boolean.TRUE.equals(o.fleetReport),
                positiveDuration(require(o.collectTimeout, "--collect-timeout"), "--collect-timeout"),
                o.resultFile);
    }

    /**
     * Kafka's own rules for a topic name (the broker would refuse it only after we connected).
     *
     * @return the name
     */
    static String topicName(String name, String option) {
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw new UsageException(
                    option + " takes a Kafka topic name: 1-249 ASCII letters, digits, '.', '_' or '-', not "
                            + "'.' or '..'; " + e.getMessage());
        }
        return name;
    }

    /** --records, or its former name --messages given on the command line (env and config fall back by themselves). */
    private static long records(RunOptions o, Duration duration) {
        boolean former = o.onCommandLine("--messages");
        if (former && o.onCommandLine("--records")) {
            throw new UsageException("--messages is the former name of --records; give one of them");
        }
        if (former) return positive(o.formerRecords, "--messages");
        if (o.records != null) return positive(o.records, "--records");
        return duration != null ? Workload.UNLIMITED : DEFAULT_RECORDS;
    }

    /** A warm-up as long as the run measures nothing, and a run that measures nothing passes every gate. */
    static void leavesSomethingToMeasure(Warmup warmup, String given, long records, Duration duration) {
        if (warmup.records() > 0 && records != Workload.UNLIMITED && warmup.records() >= records) {
            throw new UsageException(
                    "--warmup " + given.trim() + " leaves nothing to measure: it is not less than --records " + records
                            + "; give a warm-up below --records (or --warmup 0 for none)");
        }
        if (!warmup.duration().isZero() && duration != null && warmup.duration().compareTo(duration) >= 0) {
            throw new UsageException(
                    "--warmup " + given.trim() + " leaves nothing to measure: it is not shorter than the run's "
                            + Durations.format(duration)
                            + " (--duration, or the length of --ramp/--steps); give a shorter warm-up "
                            + "(or --warmup 0 for none)");
        }
    }

    /**
     * A timed warm-up a paced run's records do not outlast (any shape: the last record's due time says it): every
     * record would be sent in the warm-up, and a run that measures nothing passes every gate.
     */
    static void leavesSomethingToMeasureAtRate(Warmup warmup, String given, long records, RateShape rate) {
        if (warmup.duration().isZero() || records == Workload.UNLIMITED) return;
        double seconds = rate.dueSeconds(records - 1); // when the last record is due
        if (Double.isInfinite(seconds) || seconds * 1_000 >= warmup.duration().toMillis()) return;
        throw new UsageException("--warmup " + given.trim() + " leaves nothing to measure: --records " + records
                + " at " + rate.describe() + " are all due within "
                + Durations.format(Duration.ofMillis((long) Math.ceil(seconds * 1_000)))
                + "; give a shorter warm-up, more records, or a warm-up in records (--warmup 1000)");
    }

    /**
     * {@code --transactional} and its needs, checked on the final producer settings (any layer may have set acks or
     * idempotence). Takes {@code transactional.id} out of the settings: the engine gives each sender its own.
     *
     * @return the transactions, or {@code null} without {@code --transactional}
     */
    static Transactions transactions(ProducerOptions o, Map<String, String> config) {
        boolean transactional = Boolean.TRUE.equals(o.transactional);
        String idPrefix = config.remove("transactional.id");
        String acks = config.getOrDefault("acks", "all").trim().toLowerCase(Locale.ROOT);
        boolean acksAll = acks.equals("all") || acks.equals("-1");
        String idempotence =
                config.getOrDefault("enable.idempotence", "").trim().toLowerCase(Locale.ROOT);
        if (idempotence.equals("true") && !acksAll) {
            throw new UsageException("--idempotence (enable.idempotence=true) needs --acks all: an idempotent producer "
                    + "waits for every in-sync replica; got --acks " + acks);
        }
        if (!transactional) {
            if (idPrefix != null) {
                throw new UsageException(
                        "--producer-property transactional.id needs --transactional (each sender thread then "
                                + "gets its own id, starting with '" + idPrefix + "')");
            }
            return null;
        }
        if (!acksAll) throw new UsageException("--transactional needs --acks all; got --acks " + acks);
        if (idempotence.equals("false")) {
            throw new UsageException(
                    "--transactional needs an idempotent producer; remove --idempotence false (or enable.idempotence=false)");
        }
        Duration interval =
                positiveDuration(require(o.transactionInterval, "--transaction-interval"), "--transaction-interval");
        return new Transactions(interval, idPrefix == null || idPrefix.isBlank() ? "loadgen" : idPrefix.trim());
    }

    /** Idempotence as the Kafka client will decide it; a transactional producer must be idempotent. */
    private static boolean resolveIdempotence(Map<String, String> config, Transactions transactions) {
        Map<String, String> asTheEngineWillSetIt = new java.util.HashMap<>(config);
        // With a transactional.id the client refuses settings that would turn idempotence off, with its own message.
        if (transactions != null) asTheEngineWillSetIt.put("transactional.id", transactions.idPrefix());
        try {
            return Idempotence.resolve(asTheEngineWillSetIt);
        } catch (BadSettingException e) {
            throw new UsageException(
                    (transactions != null ? "--transactional needs an idempotent producer; " : "") + e.getMessage());
        }
    }

    /** A warm-up count is a fleet total like --records; a warm-up time applies to every shard. */
    static Warmup shardWarmup(Warmup warmup, ShardSpec shard) {
        return warmup.records() == 0 ? warmup : new Warmup(Math.max(1, shard.records(warmup.records())), Duration.ZERO);
    }

    static ShardSpec shard(RunOptions o) {
        int count = (int) positive(o.shardCount == null ? 1 : o.shardCount, "--shard-count");
        int index = o.shardIndex == null ? 0 : o.shardIndex;
        if (index < 0 || index >= count) {
            throw new UsageException("--shard-index (or JOB_COMPLETION_INDEX) must be in 0.." + (count - 1)
                    + " for --shard-count " + count + ", got " + index);
        }
        return new ShardSpec(index, count);
    }

    /** The target rate: {@code --rate}, {@code --ramp} or {@code --steps} (one at most), or {@code null} for unlimited. */
    static RateShape rateShape(RunOptions o) {
        double rate = o.rate == null ? 0 : o.rate;
        if (rate < 0)
            throw new UsageException("--rate must be 0 (unlimited) or a positive number of records/s, got " + o.rate);
        String ramp = blankToNull(o.ramp);
        String steps = blankToNull(o.steps);
        boolean cliRate = o.onCommandLine("--rate"),
                cliRamp = o.onCommandLine("--ramp"),
                cliSteps = o.onCommandLine("--steps");
        if (cliRate || cliRamp || cliSteps) {
            // The command line's shape beats one from env or config (LOADGEN_RATE in a pod's env, --ramp typed by
            // hand).
            if (!cliRate) rate = 0;
            if (!cliRamp) ramp = null;
            if (!cliSteps) steps = null;
        }
        if ((rate > 0 ? 1 : 0) + (ramp != null ? 1 : 0) + (steps != null ? 1 : 0) > 1) {
            throw new UsageException(
                    "--rate, --ramp and --steps are alternatives; give one of them"
                            + (cliRate || cliRamp || cliSteps
                                    ? ""
                                    : " (here from env or config: LOADGEN_RATE, LOADGEN_RAMP, LOADGEN_STEPS; the command line beats them)"));
        }
        if (ramp != null) return ramp(ramp);
        if (steps != null) return steps(steps);
        return rate > 0 ? new RateShape.Constant(rate) : null;
    }

    static RateShape ramp(String value) {
        String accepted = "--ramp takes FROM:TO:TIME, rates in records/s and a time (1k:50k:60s)";
        String[] parts = value.trim().split(":");
        if (parts.length != 3) throw new UsageException(accepted + "; got '" + value + "'");
        double from = shapeRate(parts[0], accepted);
        double to = shapeRate(parts[1], accepted);
        Duration over = shapeTime(parts[2], accepted);
        if (from + to <= 0) throw new UsageException(accepted + "; FROM and TO cannot both be 0");
        return new RateShape.Ramp(from, to, over);
    }

    static RateShape steps(String value) {
        String accepted = "--steps takes RATE:TIME[,RATE:TIME...], rates in records/s (10k:30s,20k:30s,50k:1m)";
        List<RateShape.Steps.Step> steps = new ArrayList<>();
        for (String step : value.split(",", -1)) { // -1: a trailing comma makes an empty step, refused
            String[] parts = step.trim().split(":");
            if (parts.length != 2)
                throw new UsageException(accepted + "; got '" + step.trim() + "' in '" + value + "'");
            steps.add(new RateShape.Steps.Step(shapeRate(parts[0], accepted), shapeTime(parts[1], accepted)));
        }
        if (steps.stream().noneMatch(s -> s.ratePerSecond() > 0))
            throw new UsageException(accepted + "; at least one rate must be positive");
        return new RateShape.Steps(steps);
    }

    private static double shapeRate(String text, String accepted) {
        double rate;
        try {
            rate = new Converters.Rate().convert(text);
        } catch (TypeConversionException e) {
            throw new UsageException(accepted + "; " + e.getMessage());
        }
        if (rate < 0) throw new UsageException(accepted + "; rates must not be negative, got " + text.trim());
        return rate;
    }

    private static Duration shapeTime(String text, String accepted) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(accepted + "; " + e.getMessage());
        }
        if (d.isZero() || d.isNegative())
            throw new UsageException(accepted + "; times must be longer than 0, got " + text.trim());
        return d;
    }

    static SloGates gates(RunOptions o) {
        return gates(o.gates);
    }

    static SloGates gates(GateOptions o) {
        Double minThroughput = o.minThroughput;
        if (minThroughput != null && !(minThroughput > 0)) {
            throw new UsageException("--min-throughput must be a positive number of records/s, got " + minThroughput);
        }
        return new SloGates(
                errorRate(o.maxErrorRate),
                minThroughput,
                latencyLimit(o.maxP99Latency, "--max-p99-latency"),
                latencyLimit(o.maxP999Latency, "--max-p999-latency"));
    }

    /**
     * A paced run's throughput over its measured window, which ends with its last acknowledgement, comes out within a
     * hair of a constant {@code --rate}, either side, even when the cluster kept up. A {@code --min-throughput} at that
     * rate is a coin's toss, and one clearly above it cannot pass; said before the run, not after it.
     *
     * @return the warning, or null when there is nothing to say
     */
    static String throughputGateAtRate(RunOptions o) {
        Double min = o.gates.minThroughput;
        if (min == null || !(rateShape(o) instanceof RateShape.Constant c) || min < c.ratePerSecond()) return null;
        String gate = "warning: --min-throughput " + RateShape.formatRate(min) + " records/s ";
        String rate = "--rate " + RateShape.formatRate(c.ratePerSecond()) + " records/s";
        if (min > c.ratePerSecond() * (1 + ABOVE_RATE)) {
            return gate + "is above " + rate + ", the most a paced run sends: this gate cannot pass";
        }
        return gate + "is not below " + rate + ": a paced run's throughput comes out within a hair of its rate,"
                + " either side, so this gate may fail even when the cluster keeps up; set it a little lower";
    }

    /** The groups to watch, each a valid group id once, and the limits of their lag. */
    static GroupWatch watch(WatchOptions o) {
        List<String> groups = new ArrayList<>();
        if (o.groups != null) {
            for (String g : o.groups) {
                String id = g.trim();
                if (id.isEmpty()) continue;
                if (groups.contains(id)) throw new UsageException("--watch-group names '" + id + "' twice");
                groups.add(id);
            }
        }
        Duration drain = o.drainTimeout == null
                ? GroupWatch.DEFAULT_DRAIN_TIMEOUT
                : nonNegativeDuration(o.drainTimeout, "--drain-timeout");
        Long maxLagRecords = null;
        Duration maxLagTime = null;
        String lag = blankToNull(o.maxConsumerLag);
        if (lag != null) {
            String accepted = "--max-consumer-lag takes a record count (10000, 10k) or a time (30s, 500ms)";
            String lower = lag.toLowerCase(Locale.ROOT).replace("_", "");
            if (lower.matches("[0-9.]+m")) {
                // A count's m is a million, a time's m a minute: neither guess is safe for a gate.
                throw new UsageException("--max-consumer-lag " + lag + " could be millions of records or minutes: "
                        + "write records with k (10000k) or a time in s (600s)");
            }
            if (lower.matches("[0-9.]+[kg]?")) {
                try {
                    maxLagRecords = Converters.parseCount(lag);
                } catch (TypeConversionException e) {
                    throw new UsageException(accepted + "; got '" + lag + "'");
                }
                if (maxLagRecords < 0) throw new UsageException(accepted + ", not negative; got '" + lag + "'");
            } else {
                try {
                    maxLagTime = latencyLimit(lag, "--max-consumer-lag");
                } catch (UsageException e) {
                    throw new UsageException(accepted + "; got '" + lag + "'");
                }
            }
        }
        Duration maxDrain = o.maxDrainTime == null ? null : nonNegativeDuration(o.maxDrainTime, "--max-drain-time");
        if (groups.isEmpty() && (maxLagRecords != null || maxLagTime != null || maxDrain != null)) {
            throw new UsageException((maxDrain != null ? "--max-drain-time" : "--max-consumer-lag")
                    + " judges the groups of --watch-group; give one");
        }
        return new GroupWatch(groups, drain, maxLagRecords, maxLagTime, maxDrain);
    }

    /** {@code 0.001} or {@code 0.1%}: a fraction of the measured records, from 0 to 1. */
    static Double errorRate(String value) {
        String v = blankToNull(value);
        if (v == null) return null;
        String accepted = "--max-error-rate takes a fraction from 0 to 1 or a percentage (0.001 or 0.1%)";
        boolean percent = v.endsWith("%");
        double rate;
        try {
            rate = Double.parseDouble(percent ? v.substring(0, v.length() - 1).trim() : v);
        } catch (NumberFormatException e) {
            throw new UsageException(accepted + "; got '" + value + "'");
        }
        if (percent) rate /= 100;
        if (!(rate >= 0 && rate <= 1)) throw new UsageException(accepted + "; got '" + value + "'");
        return rate;
    }

    /** A duration as {@link Durations} reads it, or microseconds ({@code 500us}); must be positive. */
    static Duration latencyLimit(String value, String option) {
        String v = blankToNull(value);
        if (v == null) return null;
        String accepted = option + " takes a time such as 50ms, 1.5s or 500us";
        Duration d;
        Matcher micros = MICROS.matcher(v.toLowerCase(Locale.ROOT));
        try {
            d = micros.matches()
                    ? Duration.ofNanos(Math.round(Double.parseDouble(micros.group(1)) * 1_000))
                    : Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException(accepted + "; got '" + value + "'");
        }
        if (d.isZero() || d.isNegative()) throw new UsageException(accepted + ", longer than 0; got '" + value + "'");
        return d;
    }

    /** How long to keep the metrics endpoint up after the summary; not part of the spec, as the engine has no use for it. */
    static Duration metricsLinger(RunOptions o) {
        return o.metricsLinger == null ? Duration.ZERO : nonNegativeDuration(o.metricsLinger, "--metrics-linger");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static PayloadSpec payload(RunOptions run) {
        TopicAndPayloadOptions o = run.topicAndPayload;
        // --payload-file alone means a file payload even though the configured default says seed.
        OptionConflicts.Payload chosen = OptionConflicts.payload(run);
        String type = chosen.type();
        Path payloadFile = chosen.file();
        PayloadType payloadType = switch (type) {
            case "seed" -> PayloadType.SEED;
            case "fixed" -> PayloadType.FIXED;
            case "file" -> PayloadType.FILE;
            case "template" -> PayloadType.TEMPLATE;
            default ->
                throw new UsageException(
                        "--payload must be one of seed, fixed, file, template; got '" + o.payload + "'");
        };
        Distribution recordSize = recordSize(require(o.recordSize, "--record-size"));
        TemplateSource template = null;
        if (payloadType == PayloadType.TEMPLATE) {
            if (chosen.template() == null) throw new UsageException("--payload template needs --template NAME|FILE");
            template = TemplateOptions.source(chosen.template(), o.templateFormat);
        }
        if (payloadType == PayloadType.FILE) {
            if (payloadFile == null) throw new UsageException("--payload file needs --payload-file FILE");
            if (!Files.isRegularFile(payloadFile) || !Files.isReadable(payloadFile)) {
                throw new UsageException("--payload-file " + payloadFile + " does not exist or is not a readable file");
            }
            try {
                // Blank lines are skipped as records, so a file of only blank lines is as empty as a 0-byte one.
                if (FileLinesGenerator.readLines(payloadFile).length == 0) {
                    throw new UsageException(
                            "--payload-file " + payloadFile + " is empty: it needs one record per line");
                }
            } catch (java.io.IOException e) {
                throw new UsageException("--payload-file " + payloadFile + " cannot be read: " + e.getMessage());
            }
        }
        int cardinality =
                (int) positive(require(run.resourceCardinality, "--resource-cardinality"), "--resource-cardinality");
        KeyStrategy keys = keys(o.keys);
        PayloadSpec spec = new PayloadSpec(
                payloadType,
                recordSize,
                payloadFile,
                template,
                levelWeights(run.levelWeights),
                cardinality,
                keys,
                keyDraw(keys, o.keys),
                require(run.seed, "--seed"));
        if (template != null) TemplateOptions.check(spec);
        return spec;
    }

    private static final String KEYS_ACCEPTED =
            "--keys must be one of none, resource-id, random, sequence, uniform:N, zipf:N:S (N keys, exponent S > 0)";

    static KeyStrategy keys(String value) {
        String v = value == null ? "none" : value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("uniform:")) return KeyStrategy.UNIFORM;
        if (v.startsWith("zipf:")) return KeyStrategy.ZIPF;
        return switch (v) {
            case "none" -> KeyStrategy.NONE;
            case "resource-id", "resourceid", "resource_id" -> KeyStrategy.RESOURCE_ID;
            case "random" -> KeyStrategy.RANDOM;
            case "sequence" -> KeyStrategy.SEQUENCE;
            default -> throw new UsageException(KEYS_ACCEPTED + "; got '" + value + "'");
        };
    }

    /** Which of {@code key-0 .. key-(N-1)} a record gets: {@code uniform:N} draws 0..N-1, {@code zipf:N:S} ranks 1..N. */
    static Distribution keyDraw(KeyStrategy keys, String value) {
        if (keys != KeyStrategy.UNIFORM && keys != KeyStrategy.ZIPF) return null;
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (keys == KeyStrategy.UNIFORM) {
                long n = Long.parseLong(v.substring("uniform:".length()));
                if (n < 1 || n > Integer.MAX_VALUE) throw new NumberFormatException();
                return Distribution.range(0, n - 1);
            }
            Distribution zipf = Distribution.parse(v);
            if (zipf.kind() != Distribution.Kind.ZIPF) throw new IllegalArgumentException();
            return zipf;
        } catch (IllegalArgumentException e) {
            throw new UsageException(KEYS_ACCEPTED + "; got '" + value + "'");
        }
    }

    /** One size, {@code A..B}, or a distribution; draws are cut to 1 .. {@link PayloadSpec#MAX_RECORD_BYTES}. */
    static Distribution recordSize(String value) {
        String accepted = "--record-size takes bytes (124, 4k), A..B, uniform:A:B, normal:MEAN:SD or "
                + "lognormal:MEAN:SIGMA, from 1 to " + PayloadSpec.MAX_RECORD_BYTES;
        Distribution d;
        try {
            d = Distribution.constant(new Converters.IntCount().convert(value));
        } catch (RuntimeException notOneSize) {
            try {
                d = Distribution.parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw new UsageException(accepted + "; got '" + value + "'");
            }
        }
        if (d.kind() == Distribution.Kind.ZIPF
                || d.lowest() < 1 && d.kind() != Distribution.Kind.NORMAL && d.kind() != Distribution.Kind.LOGNORMAL
                || d.highest() > PayloadSpec.MAX_RECORD_BYTES && Double.isFinite(d.highest())
                || d.mean() < 1
                || d.mean() > PayloadSpec.MAX_RECORD_BYTES) {
            throw new UsageException(accepted + "; got '" + value + "'");
        }
        return d;
    }

    /** {@code 1,1,1,1} (INFO,WARN,ERROR,DEBUG) or {@code INFO=70,WARN=20,ERROR=5,DEBUG=5} (absent levels weigh 0). */
    static int[] levelWeights(String value) {
        String accepted =
                "--level-weights takes four weights for INFO,WARN,ERROR,DEBUG (1,1,1,1) or named ones (INFO=70,WARN=20,ERROR=5,DEBUG=5)";
        if (value == null || value.isBlank()) return new int[] {1, 1, 1, 1};
        long[] weights = new long[PayloadSpec.LEVELS.length];
        boolean[] given = new boolean[weights.length];
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
                if (given[index]) {
                    throw new UsageException(accepted + "; " + PayloadSpec.LEVELS[index] + " is given twice");
                }
                number = kv[1].trim();
            }
            given[index] = true;
            try {
                weights[index] = Long.parseLong(number);
            } catch (NumberFormatException e) {
                throw new UsageException(accepted + "; '" + number + "' is not a whole number");
            }
            if (weights[index] < 0) throw new UsageException(accepted + "; weights must not be negative");
            if (weights[index] > Integer.MAX_VALUE) throw tooLarge(accepted);
        }
        long sum = java.util.Arrays.stream(weights).sum();
        if (sum <= 0) throw new UsageException(accepted + "; at least one weight must be positive");
        // the picker adds them up in an int: a larger sum wrapped round and drew one level only
        if (sum > Integer.MAX_VALUE) throw tooLarge(accepted);
        return java.util.Arrays.stream(weights).mapToInt(w -> (int) w).toArray();
    }

    private static UsageException tooLarge(String accepted) {
        return new UsageException(accepted + "; the weights must add up to at most " + Integer.MAX_VALUE
                + " (they are ratios: 70,20,5,5 is as good as 7000,2000,500,500)");
    }

    static Warmup warmup(String value) {
        if (value == null || value.isBlank()) return Warmup.NONE;
        String v = value.trim();
        // Counts take only the k suffix here: "5m" is five minutes of warm-up, not five million records.
        if (v.matches("[0-9_]+(\\.[0-9_]+)?[kK]?")) {
            long records;
            try {
                records = Converters.parseCount(v);
            } catch (TypeConversionException e) {
                throw new UsageException(
                        "--warmup takes a record count (10000, 1.5k) or a time (5s); got '" + value + "'");
            }
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
    static Map<String, String> producerConfig(ProducerOptions o, Map<String, ?> kafkaConfig) {
        Map<String, String> config = KafkaSettings.from(kafkaConfig);
        String bootstrap = require(o.bootstrapServers, "--bootstrap-servers").trim();
        if (bootstrap.isEmpty()) throw new UsageException("--bootstrap-servers must name at least one HOST:PORT");
        config.put("bootstrap.servers", bootstrap);
        if (o.acks != null) {
            String acks = o.acks.trim().toLowerCase(Locale.ROOT);
            if (!ACKS.contains(acks))
                throw new UsageException("--acks must be one of 0, 1, all (or -1); got '" + o.acks + "'");
            config.put("acks", acks);
        }
        if (o.lingerMs != null)
            config.put("linger.ms", String.valueOf(range(o.lingerMs, "--linger-ms", 0, Integer.MAX_VALUE)));
        if (o.batchSize != null)
            config.put("batch.size", String.valueOf(range(o.batchSize, "--batch-size", 0, Integer.MAX_VALUE)));
        if (o.compression != null) {
            String c = o.compression.trim().toLowerCase(Locale.ROOT);
            if (!COMPRESSIONS.contains(c)) {
                throw new UsageException("--compression must be one of " + String.join(", ", COMPRESSIONS) + "; got '"
                        + o.compression + "'");
            }
            config.put("compression.type", c);
        }
        if (o.maxInFlight != null)
            config.put(
                    "max.in.flight.requests.per.connection",
                    String.valueOf(positive(o.maxInFlight, "--max-in-flight")));
        if (o.bufferMemory != null)
            config.put("buffer.memory", String.valueOf(positive(o.bufferMemory, "--buffer-memory")));
        if (o.clientId != null && !o.clientId.isBlank()) config.put("client.id", o.clientId.trim());
        if (o.idempotence != null) config.put("enable.idempotence", String.valueOf(o.idempotence));
        o.producerProperties.forEach((k, v) -> {
            String key = k.trim();
            if (key.isEmpty()) throw new UsageException("--producer-property takes KEY=VALUE; got '=" + v + "'");
            if (ENGINE_OWNED.contains(key))
                throw new UsageException(
                        "--producer-property " + key + " cannot be changed: records are sent as bytes");
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
        if (value == null)
            throw new UsageException(
                    option + " has no value and no default (set it, or " + ConfigDefaultProvider.envVar(option) + ")");
        return value;
    }

    private static long positive(long value, String option) {
        if (value <= 0) throw new UsageException(option + " must be a positive whole number, got " + value);
        return value;
    }

    private static long range(long value, String option, long min, long max) {
        if (value < min || value > max)
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + value);
        return value;
    }

    private static Duration positiveDuration(Duration d, String option) {
        if (d.isZero() || d.isNegative())
            throw new UsageException(option + " must be longer than 0 (examples: 1s, 30s), got " + Durations.format(d));
        return d;
    }

    private static Duration nonNegativeDuration(Duration d, String option) {
        if (d.isNegative()) throw new UsageException(option + " must not be negative, got " + d);
        return d;
    }
}
