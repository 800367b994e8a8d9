package io.loadgen.cli;

import io.loadgen.spec.Durations;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Secrets;
import io.loadgen.tune.EngineTrial;
import io.loadgen.tune.GroupCapacity;
import io.loadgen.tune.GroupCapacityReport;
import io.loadgen.tune.Knob;
import io.loadgen.tune.Measurement;
import io.loadgen.tune.Objective;
import io.loadgen.tune.RerunCheck;
import io.loadgen.tune.SearchSpace;
import io.loadgen.tune.TrialRun;
import io.loadgen.tune.TrialSettings;
import io.loadgen.tune.TrialSpecs;
import io.loadgen.tune.TrialTopics;
import io.loadgen.tune.TuneChart;
import io.loadgen.tune.TuneJson;
import io.loadgen.tune.TuneResult;
import io.loadgen.tune.TuneTable;
import io.loadgen.tune.Tuner;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code loadgen tune}: short trials through the same engine as {@code run}, each on its own topic, searched by
 * {@link Tuner} within a time budget; prints a table of every trial, the best settings with a bottleneck verdict and
 * the settings ready to paste, and writes the chart (and JSON when asked).
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        modelTransformer = HelpSections.Tune.class,
        showDefaultValues = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description =
                "Find the producer settings that send the most records/s, or with --slo-p99 the highest rate whose "
                        + "p99 latency meets a limit, automatically. After --jvm-warmup, runs short trials (warm-up, then a measured "
                        + "window), each on its own new topic, and searches one setting at a time from where you start (coordinate descent; under "
                        + "--slo-p99, bisection over --rate) until --budget is spent or nothing improves. acks and idempotence stay "
                        + "as you set them. Prints a line per trial, then a table of all trials, the best settings with a "
                        + "bottleneck verdict from the producer's own metrics, the throughput/latency frontier, the best "
                        + "settings as env vars and properties, and a 'loadgen run' line that checks them the way they were "
                        + "measured; writes --chart (HTML) and --tune-json.%n",
        footer = {
            "%nEvery option --NAME is also config key loadgen.NAME and env var LOADGEN_NAME; the connection, producer "
                    + "and payload options are those of 'loadgen run' (KAFKA_* env vars and kafka.* keys pass through too). "
                    + "The producer settings given are where the search starts: those in --knobs are searched (max-in-flight "
                    + "at 5 or below, which keeps idempotence possible), every other one stays fixed for every trial; a "
                    + "--producer-property of a searched setting is only where its search starts. Apply the result with "
                    + "'loadgen run' and the printed options or env vars.%n",
            "Exit codes:%n  0    a best setting was found%n  1    no trial succeeded (Kafka unreachable, every trial failed%n"
                    + "       or missed the SLO)%n  2    bad usage: invalid option, value or producer setting%n"
                    + "  130  interrupted by SIGINT or SIGTERM (the trials so far are reported)"
        })
public class TuneCommand implements Callable<Integer> {

    /** Topic creation, producer start-up and topic deletion around each trial's warm-up and window. */
    static final Duration TRIAL_OVERHEAD = Duration.ofSeconds(2);

    @Mixin
    TuneOptions options;

    @Spec
    CommandSpec command;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /**
     * What {@code loadgen run} would use for every option this command does not have (the payload's level weights,
     * resource cardinality and seed, the gates): its config defaults, parsed once for the starting point.
     */
    @Command(name = "run")
    static final class RunDefaults {
        @Mixin
        RunOptions options = new RunOptions();
    }

    @Override
    public Integer call() {
        long commandStart = System.nanoTime();
        Duration budget = positive(options.budget, "--budget");
        Duration warmup = options.trialWarmup == null ? Duration.ZERO : options.trialWarmup;
        if (warmup.isNegative())
            throw new UsageException("--trial-warmup must not be negative, got " + Durations.format(warmup));
        Duration window = positive(options.trialTime, "--trial-time");
        Duration jvmWarmup = options.jvmWarmup == null ? Duration.ZERO : options.jvmWarmup;
        if (jvmWarmup.isNegative())
            throw new UsageException(
                    "--jvm-warmup must not be negative (0 to skip), got " + Durations.format(jvmWarmup));
        Duration nominal = warmup.plus(window).plus(TRIAL_OVERHEAD);
        Duration least = nominal.plus(jvmWarmup.isZero() ? Duration.ZERO : jvmWarmup.plus(TRIAL_OVERHEAD));
        if (budget.compareTo(least) < 0) {
            throw new UsageException(
                    "--budget " + Durations.format(budget) + " is shorter than one trial (--trial-warmup "
                            + Durations.format(warmup) + " + --trial-time " + Durations.format(window) + " + about "
                            + Durations.format(TRIAL_OVERHEAD) + " to set up"
                            + (jvmWarmup.isZero() ? "" : ", after --jvm-warmup " + Durations.format(jvmWarmup))
                            + "); give at least " + Durations.format(least));
        }
        String group = groupTarget();
        if (group != null) return groupCapacity(group, budget, window, commandStart);
        if (onCommandLine("--topic")) {
            throw new UsageException("--topic is for --target group:NAME (the throughput search sends to topics of its "
                    + "own, --topic-prefix)");
        }
        Duration slo = SpecAssembler.latencyLimit(options.sloP99, "--slo-p99");
        Objective objective = slo == null ? Objective.MAX_THROUGHPUT : new Objective.LatencySlo(slo.toNanos() / 1e6);
        Set<Knob> knobs = knobs(options.knobs);
        String prefix = options.topicPrefix == null || options.topicPrefix.isBlank()
                ? "loadgen-tune"
                : options.topicPrefix.trim();
        if (!prefix.matches("[A-Za-z0-9._-]{1,150}")) {
            throw new UsageException(
                    "--topic-prefix takes 1-150 letters, digits, '.', '_' or '-'; got '" + prefix + "'");
        }
        String tuneId = SpecAssembler.runId(null);
        SpecAssembler.topicName(
                prefix + "-jvm-warmup-" + tuneId + "-999", "--topic-prefix"); // the longest name it makes

        KafkaSettings.reportIgnored(kafkaConfig, System.err);
        UnknownSettings.warnAboutProducerProperties(options.producer.producerProperties.keySet(), System.err);
        LoadSpec start = startingSpec(prefix + "-" + tuneId + "-0", tuneId, warmup, window);
        TrialSettings base = startingSettings(start);
        Path chartFile =
                options.chart == null || options.chart.toString().equalsIgnoreCase("none") ? null : options.chart;
        OutputPaths.check(OutputPaths.of("--chart", chartFile), OutputPaths.of("--tune-json", options.tuneJson));
        MetricsPort.requireAvailable();
        KafkaSettings.checkBootstrap(start.delivery().producerConfig());
        Map<String, String> fixed = fixedSettings(start);
        SearchSpace space = SearchSpace.around(base, knobs, Runtime.getRuntime().availableProcessors());

        PrintStream out = System.out;
        String bootstrap = start.delivery().producerConfig().get("bootstrap.servers");
        out.printf(
                Locale.ROOT,
                "loadgen tune %s: %s on %s, budget %s; trials of %s warm-up + %s measured, each on its own topic "
                        + "(%d partitions, replication factor %d); records: %s; fixed: %s%n",
                tuneId,
                objective.describe(),
                Secrets.withoutUserInfo(bootstrap),
                Durations.format(budget),
                Durations.format(warmup),
                Durations.format(window),
                start.topic().partitions(),
                start.topic().replicationFactor(),
                start.payload(),
                fixed.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(" ")));
        out.println("searching: " + space + " (from " + base.describe() + ")");
        MetricsPort.printChosen(out);
        out.flush();

        try (TrialTopics topics = TrialTopics.connect(
                start.delivery().producerConfig(), start.timing().connectTimeout())) {
            int brokers = topics.brokers(bootstrap);
            Consumer<String> warnings = line -> System.err.println("loadgen: " + line);
            EngineTrial trial = new EngineTrial(
                    trialSpecs(start, warmup, window), topics, prefix, tuneId, warmup, brokers, warnings);
            // The warm-up is a run of its own, on a topic of its own, so that no trial's topic name is reused while
            // Kafka may still be deleting it.
            EngineTrial warmupRun = new EngineTrial(
                    trialSpecs(start, Duration.ZERO, jvmWarmup),
                    topics,
                    prefix + "-jvm-warmup",
                    tuneId,
                    Duration.ZERO,
                    brokers,
                    warnings);
            // made after the warm-up (its budget is what the warm-up left); a signal before then stops the warm-up
            AtomicReference<Tuner> tuner = new AtomicReference<>();
            try (SignalTrap trap = SignalTrap.install(
                    () -> {
                        Tuner t = tuner.get();
                        if (t != null) t.requestStop();
                        warmupRun.requestStop();
                        trial.requestStop();
                    },
                    System.err,
                    "stopping after the current trial's records in flight (send it again to exit at once)")) {
                if (!jvmWarmup.isZero()) {
                    out.printf(
                            Locale.ROOT,
                            "warming up the JVM: %s with the starting settings, not measured (a fresh JVM "
                                    + "compiles its hot code in its first seconds)%n",
                            Durations.format(jvmWarmup));
                    out.flush();
                    Measurement m = warmupRun.run(base);
                    if (trap.received()) return ExitCodes.INTERRUPTED;
                    if (!m.ok()) {
                        System.err.println(
                                "loadgen: the JVM warm-up with the starting settings failed, so no trial ran: "
                                        + m.failure());
                        return ExitCodes.RUN_FAILED;
                    }
                }
                Duration left = budget.minusNanos(System.nanoTime() - commandStart);
                long tuneStart = System.nanoTime();
                Tuner search =
                        new Tuner(trial, System::nanoTime, space, objective, left, nominal, new Tuner.Listener() {
                            @Override
                            public void finished(TrialRun run) {
                                long leftSeconds = (left.toNanos() - (System.nanoTime() - tuneStart)) / 1_000_000_000L;
                                out.println(TuneTable.progressLine(run, (int) leftSeconds));
                                out.flush();
                            }
                        });
                tuner.set(search);
                if (trap.received()) search.requestStop();
                TuneResult result = search.run(base)
                        .reported(
                                (System.nanoTime() - commandStart) / 1e9,
                                budget.toNanos() / 1e9,
                                RerunCheck.of(jvmWarmup, warmup, window));
                if (trap.received()) return report(tuneId, result, fixed, out, ExitCodes.INTERRUPTED);
                return report(tuneId, result, fixed, out, result.succeeded() ? ExitCodes.OK : ExitCodes.RUN_FAILED);
            }
        }
    }

    /** The group of {@code --target group:NAME}, or null for {@code --target throughput}. */
    private String groupTarget() {
        String t = options.target == null ? "throughput" : options.target.trim();
        if (t.equalsIgnoreCase("throughput")) return null;
        if (t.regionMatches(true, 0, "group:", 0, 6) && !t.substring(6).isBlank()) {
            if (options.sloP99 != null && !options.sloP99.isBlank()) {
                throw new UsageException("--slo-p99 and --target group:NAME are different searches; give one");
            }
            return t.substring(6).trim();
        }
        throw new UsageException("--target takes throughput or group:NAME; got '" + t + "'");
    }

    private boolean onCommandLine(String option) {
        return command != null
                && command.commandLine() != null
                && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * {@code --target group:NAME}: trials at one rate each on the real topic, searched by {@link GroupCapacity}; prints
     * a line per trial, the capacity with the trials around it, and a {@code run} line that checks the boundary.
     */
    private int groupCapacity(String group, Duration budget, Duration window, long commandStart) {
        String topic = options.topic == null || options.topic.isBlank() ? null : options.topic.trim();
        if (topic == null) throw new UsageException("--target group:" + group + " needs --topic, the topic it reads");
        SpecAssembler.topicName(topic, "--topic");
        String tuneId = SpecAssembler.runId(null);
        LoadSpec start = startingSpec(topic, tuneId, Duration.ZERO, window);
        Duration drainBound =
                window.compareTo(Duration.ofSeconds(20)) > 0 ? window.dividedBy(2) : Duration.ofSeconds(10);
        Duration perTrial = window.plus(drainBound).plus(TRIAL_OVERHEAD);
        if (budget.compareTo(perTrial) < 0) {
            throw new UsageException("--budget " + Durations.format(budget)
                    + " is shorter than one trial (--trial-time "
                    + Durations.format(window) + " + up to " + Durations.format(drainBound) + " to drain + about "
                    + Durations.format(TRIAL_OVERHEAD) + "); give at least " + Durations.format(perTrial));
        }
        Path chartFile =
                options.chart == null || options.chart.toString().equalsIgnoreCase("none") ? null : options.chart;
        OutputPaths.check(OutputPaths.of("--chart", chartFile), OutputPaths.of("--tune-json", options.tuneJson));
        KafkaSettings.reportIgnored(kafkaConfig, System.err);
        MetricsPort.requireAvailable();
        KafkaSettings.checkBootstrap(start.delivery().producerConfig());
        PrintStream out = System.out;
        double startRate = options.startRate == null || options.startRate <= 0 ? 1_000 : options.startRate;
        out.printf(
                Locale.ROOT,
                "loadgen tune %s: the capacity of consumer group '%s' on topic '%s' (%s), budget %s; trials of %s "
                        + "from --rate %,.0f, doubling until the group falls behind, then bisecting%n",
                tuneId,
                group,
                topic,
                Secrets.withoutUserInfo(start.delivery().producerConfig().get("bootstrap.servers")),
                Durations.format(budget),
                Durations.format(window),
                startRate);
        MetricsPort.printChosen(out);
        out.flush();
        GroupTrials trials = new GroupTrials(start, group, window, drainBound, out);
        GroupCapacity.Result result;
        try (SignalTrap trap = SignalTrap.install(
                trials::requestStop, System.err, "stopping after the current trial (send it again to exit at once)")) {
            result = new GroupCapacity(trials, System::nanoTime, trials::stopped)
                    .search(startRate, budget.toNanos() - (System.nanoTime() - commandStart), perTrial.toNanos());
        }
        out.println();
        out.println("=== capacity of consumer group '" + group + "' on topic '" + topic + "' ===");
        for (GroupCapacity.Trial t : result.trials().stream()
                .sorted(java.util.Comparator.comparingDouble(GroupCapacity.Trial::rate))
                .toList()) {
            out.printf(
                    Locale.ROOT,
                    "  %s %,10.0f records/s  produced %,10.0f/s  consumed %,10.0f/s  %s%n",
                    t.keptUp() ? "KEPT UP " : "BEHIND  ",
                    t.rate(),
                    t.produced(),
                    t.consumed(),
                    t.why());
        }
        int files = writeCapacityFiles(chartFile, tuneId, group, topic, result, out);
        if (result.capacity() <= 0) {
            out.println("no rate kept up (" + result.stopReason() + ")");
            out.flush();
            System.err.println(
                    "loadgen: consumer group '" + group + "' kept up at no rate tried: " + result.stopReason());
            return trials.stopped() ? ExitCodes.INTERRUPTED : ExitCodes.RUN_FAILED;
        }
        out.printf(
                Locale.ROOT,
                "capacity: about %,.0f records/s (kept up at %,.0f/s%s; %s)%n",
                result.capacity(),
                result.capacity(),
                result.lowestFailing() > 0
                        ? String.format(Locale.ROOT, ", fell behind at %,.0f/s", result.lowestFailing())
                        : ", never fell behind: the capacity is higher",
                result.stopReason());
        out.printf(
                Locale.ROOT,
                "check it: loadgen run --topic %s --rate %.0f --duration %s --watch-group %s%n",
                topic,
                result.capacity(),
                Durations.format(window.multipliedBy(3)),
                group);
        out.flush();
        return trials.stopped() ? ExitCodes.INTERRUPTED : files;
    }

    /** The chart and the JSON of a capacity search, as asked; {@code RUN_FAILED} when one cannot be written. */
    private int writeCapacityFiles(
            Path chart, String tuneId, String group, String topic, GroupCapacity.Result result, PrintStream out) {
        try {
            if (chart != null) {
                GroupCapacityReport.writeChart(chart, group, topic, result);
                out.println("chart written to " + chart.toAbsolutePath());
            }
            if (options.tuneJson != null) {
                GroupCapacityReport.writeJson(options.tuneJson, tuneId, group, topic, result);
                out.println("JSON written to " + options.tuneJson);
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            System.err.println("loadgen: cannot write the tune report: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
    }

    private int report(String tuneId, TuneResult result, Map<String, String> fixed, PrintStream out, int code) {
        TuneTable.print(result, fixed, out);
        Path chart = options.chart;
        try {
            if (chart != null && !chart.toString().equalsIgnoreCase("none")) {
                TuneChart.write(result, fixed, chart);
                out.println("chart written to " + chart.toAbsolutePath());
            }
            if (options.tuneJson != null) {
                TuneJson.write(tuneId, result, fixed, options.tuneJson);
                out.println("JSON written to " + options.tuneJson);
            }
        } catch (IOException e) {
            System.err.println("loadgen: cannot write the tune report: " + e.getMessage());
            if (code == ExitCodes.OK) code = ExitCodes.RUN_FAILED;
        }
        out.flush();
        if (!result.succeeded() && code == ExitCodes.RUN_FAILED) {
            System.err.println("loadgen: no trial succeeded"
                    + (result.objective() instanceof Objective.LatencySlo ? " in meeting --slo-p99" : "") + ": "
                    + result.stopReason());
        }
        return code;
    }

    /**
     * The starting point as a trial, assembled once exactly as {@code loadgen run} assembles a spec, with all of its
     * checks (a bad value exits 2 here, before anything connects): run's config defaults for everything this command
     * does not have, the shared options as given to this command (their defaults come from the same config, by option
     * name, so they are run's too), and a trial's shape. Every trial's spec is derived from it ({@link #trialSpecs}).
     */
    LoadSpec startingSpec(String topic, String runId, Duration warmup, Duration window) {
        RunOptions o = runDefaults();
        o.parsedBy = command; // what this command's line gave beats env and config, as in 'run'
        o.producer = options.producer;
        o.topicAndPayload = options.topicAndPayload;
        // the trial's shape, so that no run-only setting in env or config (a count, a ramp, a shard of a fleet, the
        // sequence header) refuses or shapes the start: trials replace all of these
        o.topic = topic;
        o.runId = runId;
        o.createTopic = true;
        o.records = null;
        o.duration = warmup.plus(window);
        o.warmup = warmup.isZero() ? "0" : Durations.format(warmup);
        o.rate = 0.0;
        o.ramp = null;
        o.steps = null;
        o.reportInterval = TrialSpecs.SAMPLE_INTERVAL;
        o.shardCount = 1;
        o.shardIndex = 0;
        o.sequenceHeader = false;
        return SpecAssembler.assemble(o, kafkaConfig);
    }

    /**
     * Each trial's spec, derived from the start by {@link TrialSpecs}, then given the producer settings check of
     * {@code run}: a searched value run would refuse (a batch.size above buffer.memory) fails its trial before anything
     * is sent, with run's reason, instead of failing every record.
     */
    EngineTrial.Specs trialSpecs(LoadSpec start, Duration warmup, Duration window) {
        TrialSpecs derived = new TrialSpecs(start, warmup, window);
        Map<String, String> given = options.producer.producerProperties;
        return (settings, topic, runId) -> {
            LoadSpec spec = derived.spec(settings, topic, runId);
            ProducerSettingsCheck.check(
                    spec.delivery().producerConfig(),
                    given,
                    spec.payload(),
                    runId,
                    spec.delivery().sequenceHeader());
            return spec;
        };
    }

    private RunOptions runDefaults() {
        RunDefaults holder = new RunDefaults();
        CommandLine.IDefaultValueProvider defaults = command == null ? null : command.defaultValueProvider();
        new CommandLine(holder)
                .setDefaultValueProvider(defaults != null ? defaults : new ConfigDefaultProvider())
                .parseArgs();
        return holder.options;
    }

    /**
     * The durability the tune holds fixed, as the client resolved it, in option form: the printed settings and the
     * "check it" line carry it, so a rerun does not change it.
     */
    static Map<String, String> fixedSettings(LoadSpec start) {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("acks", start.delivery().producerSetting("acks"));
        fixed.put("idempotence", String.valueOf(start.delivery().idempotent()));
        if (start.delivery().transactional()) fixed.put("transactional", "true");
        return fixed;
    }

    /** Where the search starts: the configured settings, as the client would use them. */
    static TrialSettings startingSettings(LoadSpec spec) {
        return new TrialSettings(
                spec.senders().threads(),
                spec.senders().producers(),
                spec.delivery().producerSetting("compression.type"),
                intSetting(spec, "batch.size", "--batch-size"),
                intSetting(spec, "linger.ms", "--linger-ms"),
                intSetting(spec, "max.in.flight.requests.per.connection", "--max-in-flight"),
                0);
    }

    private static int intSetting(LoadSpec spec, String property, String option) {
        String v = property.equals("max.in.flight.requests.per.connection")
                ? spec.delivery().producerConfig().getOrDefault(property, "5")
                : spec.delivery().producerSetting(property);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(
                    option + " (producer " + property + ") must be a whole number to tune from, got '" + v + "'");
        }
    }

    static Set<Knob> knobs(String value) {
        String accepted = "--knobs takes a comma-separated list of " + Knob.accepted();
        if (value == null || value.isBlank()) return new LinkedHashSet<>(List.of(Knob.values()));
        Set<Knob> knobs = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) continue;
            try {
                knobs.add(Knob.ofOption(part));
            } catch (IllegalArgumentException e) {
                throw new UsageException(accepted + "; got '" + part.trim() + "'");
            }
        }
        if (knobs.isEmpty()) throw new UsageException(accepted + "; got '" + value + "'");
        return knobs;
    }

    private static Duration positive(Duration d, String option) {
        if (d == null)
            throw new UsageException(
                    option + " has no value and no default (set it, or " + ConfigDefaultProvider.envVar(option) + ")");
        if (d.isZero() || d.isNegative())
            throw new UsageException(option + " must be longer than 0 (examples: 30s, 5m), got " + Durations.format(d));
        return d;
    }
}
