package io.loadgen.cli;

import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ResultsTopic;
import io.loadgen.cluster.ShardResult;
import io.loadgen.cluster.StartBarrier;
import io.loadgen.engine.LoadEngine;
import io.loadgen.engine.PreparedRun;
import io.loadgen.engine.ProducerFactory;
import io.loadgen.engine.RunFailedException;
import io.loadgen.engine.RunListener;
import io.loadgen.engine.StoppedBeforeStartException;
import io.loadgen.metrics.RunMetrics;
import io.loadgen.metrics.RunState;
import io.loadgen.report.GateReport;
import io.loadgen.report.HistogramLog;
import io.loadgen.report.HtmlReport;
import io.loadgen.report.ProgressPrinter;
import io.loadgen.report.ResultJson;
import io.loadgen.report.SummaryPrinter;
import io.loadgen.spec.Delivery;
import io.loadgen.spec.Durations;
import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.Secrets;
import io.loadgen.spec.ShardSpec;
import io.loadgen.spec.Workload;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.RunStats;
import io.loadgen.watch.AdminOffsets;
import io.loadgen.watch.GroupReport;
import io.loadgen.watch.GroupWatcher;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code loadgen run}: assemble the spec, run the engine, print and write the result, map it to an exit code. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        showDefaultValues = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        modelTransformer = HelpSections.Run.class,
        description = "Send records to Kafka with a tuned producer and report what the cluster acknowledged. "
                + "A record counts as sent only when the broker acknowledged it. A progress line every --report-interval, "
                + "a summary at the end (also as JSON with --summary-json). SIGINT/SIGTERM stop it gracefully.%n",
        footer = {
            "%nEvery option --NAME is also config key loadgen.NAME and env var LOADGEN_NAME (upper case, '-' as '_'): "
                    + "the command line beats env, env beats application.properties. "
                    + "Any producer property passes through as env KAFKA_<PROPERTY> (KAFKA_SASL_JAAS_CONFIG=...), "
                    + "config key kafka.<property>, or --producer-property; secrets are never printed.%n",
            "While a run goes on, Prometheus metrics at /q/metrics and health at /q/health answer on HTTP port 8080 "
                    + "(QUARKUS_HTTP_PORT); --metrics-linger keeps them up after the summary.%n",
            ExitCodes.HELP_TEXT
        })
public class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** The registry behind /q/metrics; unresolvable only if the application is built without Micrometer. */
    @Inject
    Instance<PrometheusMeterRegistry> prometheus;

    @Inject
    RunState runState;

    @Override
    public Integer call() {
        LoadSpec spec = SpecAssembler.assemble(options, kafkaConfig);
        ShardSpec shard = spec.placement().shard();
        FleetPlan fleet = SpecAssembler.fleet(options, shard, spec.topic().name());
        OutputPaths.check(
                OutputPaths.of("--summary-json", options.summaryJson),
                OutputPaths.of("--report-html", options.reportHtml),
                OutputPaths.of("--histogram-log", options.histogramLog),
                OutputPaths.of("--result-file", options.resultFile));
        MetricsPort.requireAvailable();
        KafkaSettings.checkBootstrap(spec.delivery().producerConfig());
        KafkaSettings.reportIgnored(kafkaConfig, System.err);
        UnknownSettings.warnAboutProducerProperties(options.producer.producerProperties.keySet(), System.err);
        String gateAtRate = SpecAssembler.throughputGateAtRate(options);
        if (gateAtRate != null) System.err.println("loadgen: " + gateAtRate);
        Duration linger = SpecAssembler.metricsLinger(options);
        PrintStream out = System.out;
        if (options.summaryJson != null) ResultJson.prepareAside();
        out.println(startLine(spec));
        MetricsPort.printChosen(out);
        runState.starting(spec.runId());
        int code;
        RunResult result;
        try (RunMetrics metrics = RunMetrics.open(prometheus.isResolvable() ? prometheus.get() : null, spec);
                GroupWatcher watcher = watcher(spec);
                HistogramLog histograms = options.histogramLog == null
                        ? null
                        : new HistogramLog(options.histogramLog, spec.workload().rateLimited())) {
            LoadEngine engine = new LoadEngine(config -> metrics.bind(ProducerFactory.KAFKA.create(config)));
            // Held until every file is written: a signal after the run (a second Ctrl-C while the summary prints) must
            // not end the JVM before the result is saved; a third one still exits at once.
            try (SignalTrap trap = SignalTrap.install(engine::requestStop, engine::abandonWait, System.err)) {
                Attempt attempt = run(engine, spec, fleet, metrics, watcher, histograms, out);
                // Complete: the run's last interval was written before it returned.
                if (histograms != null) histograms.close();
                result = attempt.result();
                metrics.finished();
                List<GroupReport> groups = drain(watcher, spec, attempt, engine, out);
                runState.finished();
                // In a fleet the gates are the fleet's: judged on the merged result by shard 0's fleet report (and by
                // 'loadgen report'). A shard shows its own figures against its share, but they do not set its exit
                // code.
                boolean inFleet = !shard.single();
                GateReport gates = GateReport.evaluate(spec.gates().share(shard.count()), result)
                        .withGroups(spec.watch(), groups);
                SummaryPrinter.print(result, gates, groups, out);
                if (inFleet && !gates.checks().isEmpty()) {
                    out.println("shard " + shard
                            + ": the gates above hold this shard to its share (--min-throughput / "
                            + shard.count()
                            + "); they are the fleet's, judged by shard 0's fleet report and "
                            + "'loadgen report', and do not set this shard's exit code");
                }
                code = exitCode(result, gates, inFleet);
                // A signal while the groups drained: the run was stopped, whatever the gates say.
                if (engine.stopRequested() && code != ExitCodes.INTERRUPTED) code = ExitCodes.INTERRUPTED;
                String failedBecause = failedBecause(result, gates);
                if (code == ExitCodes.RUN_FAILED && failedBecause != null) {
                    System.err.println("loadgen: the run failed: " + failedBecause);
                }
                if (options.summaryJson != null) {
                    try {
                        ResultJson.write(result, gates, groups, options.summaryJson);
                        out.println("summary written to " + options.summaryJson);
                    } catch (IOException e) {
                        System.err.println(
                                "loadgen: cannot write --summary-json " + options.summaryJson + ": " + e.getMessage());
                        if (code == ExitCodes.OK) code = ExitCodes.RUN_FAILED;
                    }
                }
                if (options.reportHtml != null) {
                    try {
                        HtmlReport.write(result, gates, groups, List.of(), options.reportHtml);
                        out.println("report written to " + options.reportHtml);
                    } catch (IOException | RuntimeException e) {
                        System.err.println(
                                "loadgen: cannot write --report-html " + options.reportHtml + ": " + e.getMessage());
                        if (code == ExitCodes.OK) code = ExitCodes.RUN_FAILED;
                    }
                }
                code = histogramLogWritten(histograms, code, out);
                code = shareResult(spec, fleet, result, groups, attempt.ranHere(), code, engine::stopRequested, out);
            }
            // An interrupted run is being stopped (a pod deleted, a user at the keyboard): no reason to linger.
            if (result.status() != RunResult.Status.INTERRUPTED && code != ExitCodes.INTERRUPTED) linger(linger, out);
            return code;
        }
    }

    /**
     * A retried pod of a shard whose result is already on the results topic (its first attempt ran, then exited
     * non-zero, e.g. shard 0 with the fleet's verdict): that result, so the shard does not send its share twice; else
     * null. Asked after connecting, so an unreachable cluster costs one connect timeout, not two.
     */
    private static ShardResult earlierAttempt(LoadSpec spec, FleetPlan fleet, PrintStream out) {
        ShardSpec shard = spec.placement().shard();
        if (shard.single() || !fleet.publishResult()) return null;
        try {
            List<ShardResult> published = new ResultsTopic(spec.delivery().producerConfig(), fleet.resultsTopic())
                    .collect(spec.runId(), 0, spec.timing().connectTimeout());
            ShardResult mine = null;
            for (ShardResult r : published) if (r.shard().index() == shard.index()) mine = r;
            if (mine != null) {
                out.println("shard " + shard + " of run " + spec.runId()
                        + " already ran: its result is on topic '" + fleet.resultsTopic()
                        + "' (this is a retried pod), so it sends nothing again; its result:");
            }
            return mine;
        } catch (IllegalStateException noResultsYet) {
            return null; // the results topic does not exist yet: the fleet's first attempt
        }
    }

    /** This shard's result, and whether it ran here or was found from an earlier attempt of the same shard. */
    private record Attempt(RunResult result, boolean ranHere) {}

    /**
     * The run's lifecycle: prepare (connect, untimed), a retried shard's earlier result looked for, the start barrier
     * of a fleet, then start (the clock).
     */
    private Attempt run(
            LoadEngine engine,
            LoadSpec spec,
            FleetPlan fleet,
            RunMetrics metrics,
            GroupWatcher watcher,
            HistogramLog histograms,
            PrintStream out) {
        try (PreparedRun prepared = engine.prepare(spec)) {
            ShardResult earlier = earlierAttempt(spec, fleet, out);
            if (earlier != null) return new Attempt(earlier.result(), false);
            // Before the barrier: no shard sends until this one is ready too, so every record of the fleet is written
            // after the baseline.
            if (watcher != null) watcher.baseline();
            awaitOtherShards(spec, fleet, engine, out);
            RunResult result = engine.start(prepared, listener(metrics, watcher, histograms, spec.runId(), out));
            return new Attempt(
                    result.withRunCard(prepared.card().withLoadgenVersion(LoadgenCommand.appVersion())), true);
        }
    }

    /**
     * The watch of the consumer groups downstream, or null. In a fleet shard 0 watches: lag is a figure of the whole
     * topic, and one reader is enough.
     */
    private static GroupWatcher watcher(LoadSpec spec) {
        if (!spec.watch().any() || spec.placement().shard().index() != 0) return null;
        return new GroupWatcher(
                new AdminOffsets(
                        spec.delivery().producerConfig(),
                        spec.topic().name(),
                        spec.timing().connectTimeout()),
                spec.topic().name(),
                spec.watch().groups(),
                spec.timing().reportInterval(),
                System::nanoTime,
                System.err);
    }

    /** After the last send, the groups' drain; their reports (none when nothing was watched or sent here). */
    private static List<GroupReport> drain(
            GroupWatcher watcher, LoadSpec spec, Attempt attempt, LoadEngine engine, PrintStream out) {
        if (watcher == null || !attempt.ranHere()) return List.of();
        GroupWatch w = spec.watch();
        // A --max-drain-time above --drain-timeout could never pass otherwise: wait as long as the gate allows.
        Duration waitUpTo = w.maxDrainTime() != null && w.maxDrainTime().compareTo(w.drainTimeout()) > 0
                ? w.maxDrainTime()
                : w.drainTimeout();
        Duration timeout = attempt.result().status() == RunResult.Status.INTERRUPTED ? Duration.ZERO : waitUpTo;
        if (!timeout.isZero() && watcher.anySeen()) {
            out.println("waiting up to " + Durations.format(timeout) + " for the consumer groups to drain "
                    + "(--drain-timeout) ...");
            out.flush();
        }
        return watcher.drain(timeout, engine::stopRequested);
    }

    private RunListener listener(
            RunMetrics metrics, GroupWatcher watcher, HistogramLog histograms, String runId, PrintStream out) {
        ProgressPrinter progress =
                watcher == null ? new ProgressPrinter(out) : new ProgressPrinter(out, watcher::latest);
        return new RunListener() {
            @Override
            public void onStart(RunStats stats) {
                if (histograms != null) histograms.start(System.currentTimeMillis(), runId);
                metrics.started(stats);
                if (watcher != null) {
                    watcher.start();
                    metrics.watching(watcher::latest);
                }
                runState.running();
            }

            @Override
            public void onProgress(Progress p) {
                progress.print(p);
                metrics.progressed(p);
                if (histograms != null) histograms.interval(p);
            }

            @Override
            public void onEnd(Progress last) {
                if (histograms != null) histograms.interval(last);
            }
        };
    }

    /** Says where the histogram log went, or why it did not: a log that could not be written fails the run. */
    private static int histogramLogWritten(HistogramLog log, int code, PrintStream out) {
        if (log == null || !log.started()) return code;
        if (log.problem() == null) {
            out.println("histogram log written to " + log.file());
            return code;
        }
        System.err.println("loadgen: cannot write --histogram-log " + log.file() + ": " + log.problem());
        return code == ExitCodes.OK ? ExitCodes.RUN_FAILED : code;
    }

    /** With several shards, the clock starts when all of them are ready (the start barrier, through Kafka). */
    private static void awaitOtherShards(LoadSpec spec, FleetPlan fleet, LoadEngine engine, PrintStream out) {
        ShardSpec shard = spec.placement().shard();
        if (shard.single() || !fleet.barrier()) return;
        out.println("shard " + shard + ": waiting for all "
                + shard.count() + " shards of run " + spec.runId() + " (--barrier-timeout "
                + Durations.format(fleet.barrierTimeout()) + ")");
        out.flush();
        boolean allReady;
        try {
            allReady = new StartBarrier(spec.delivery().producerConfig(), fleet.controlTopic())
                    .await(spec.runId(), shard, fleet.barrierTimeout(), engine::stopRequested);
        } catch (RuntimeException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
        if (!allReady) {
            throw new StoppedBeforeStartException("stopped while waiting for the other shards; nothing was sent");
        }
    }

    /**
     * Writes this shard's result (histograms included) to --result-file and publishes it to the results topic when
     * part of a fleet; shard 0 then collects every shard's result and prints the fleet report.
     */
    private static int shareResult(
            LoadSpec spec,
            FleetPlan fleet,
            RunResult result,
            List<GroupReport> groups,
            boolean publish,
            int code,
            BooleanSupplier stopped,
            PrintStream out) {
        ShardSpec shard = spec.placement().shard();
        ShardResult mine = new ShardResult(
                shard, spec.placement().firstPosition(), spec.workload().records(), result, groups);
        try {
            if (fleet.resultFile() != null) {
                Files.writeString(fleet.resultFile(), ResultCodec.encode(mine) + "\n");
                out.println("shard result written to " + fleet.resultFile());
            }
            if (publish && fleet.publishResult()) {
                new ResultsTopic(spec.delivery().producerConfig(), fleet.resultsTopic())
                        .publish(mine, spec.timing().connectTimeout());
                out.println("shard result published to topic '" + fleet.resultsTopic() + "'");
            }
            if (!shard.single()
                    && shard.index() == 0
                    && fleet.fleetReport()
                    && result.status() != RunResult.Status.INTERRUPTED) {
                out.println("collecting the results of " + shard.count() + " shards ...");
                out.flush();
                List<ShardResult> all = new ResultsTopic(spec.delivery().producerConfig(), fleet.resultsTopic())
                        .collect(spec.runId(), shard.count(), fleet.collectTimeout(), stopped);
                if (stopped.getAsBoolean()) {
                    System.err.println("loadgen: stopped while collecting the fleet's results, so no fleet report; "
                            + "'loadgen report --run-id " + spec.runId() + "' prints it once every shard's is in");
                    return ExitCodes.INTERRUPTED;
                }
                // Shard 0 exits with the fleet's verdict: a fleet gate missed (3), a shard's result missing (1).
                int verdict =
                        FleetReport.print(all, shard.count(), spec.gates(), spec.watch(), out, System.err, null, null);
                if (code == ExitCodes.OK) code = verdict;
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("loadgen: cannot share the shard result: " + e.getMessage());
            if (code == ExitCodes.OK) return ExitCodes.RUN_FAILED;
        }
        return code;
    }

    /**
     * Keeps the process, and so the HTTP server with /q/metrics, up for a last Prometheus scrape. A signal ends the
     * wait at once: the run is over, nothing is lost.
     */
    private static void linger(Duration linger, PrintStream out) {
        if (linger.isZero()) return;
        out.println("metrics stay up for " + Durations.format(linger) + " (--metrics-linger); SIGTERM ends the wait");
        out.flush();
        CountDownLatch ended = new CountDownLatch(1);
        try (SignalTrap trap = SignalTrap.install(ended::countDown, System.err, "ending the metrics linger")) {
            ended.await(linger.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Interrupted beats everything; then a run that failed outright (nothing acknowledged, records unconfirmed or
     * sending far behind its schedule, or records failed without an error budget from --max-error-rate) exits 1;
     * then a missed gate exits 3.
     */
    static int exitCode(RunResult result, GateReport gates) {
        return exitCode(result, gates, false);
    }

    /** @param fleetGates the gates are a fleet's, judged elsewhere: a missed one does not fail this run */
    static int exitCode(RunResult result, GateReport gates, boolean fleetGates) {
        if (result.status() == RunResult.Status.INTERRUPTED) return ExitCodes.INTERRUPTED;
        if (result.total().sent() == 0 || result.status() == RunResult.Status.INCOMPLETE) return ExitCodes.RUN_FAILED;
        if (result.total().failed() > 0 && !gates.has(GateReport.MAX_ERROR_RATE)) return ExitCodes.RUN_FAILED;
        if (!gates.passed() && !fleetGates) return ExitCodes.SLO_FAILED;
        return ExitCodes.OK;
    }

    /**
     * Why a run (or a fleet) that ran to its end exits 1, for one line on stderr: its summary's title says COMPLETED,
     * and a CI log that shows only stderr and the exit code should not need the summary read to find out. An
     * incomplete or interrupted run's title already says why.
     *
     * @return the reason, or null when the title says it or the run did not fail
     */
    static String failedBecause(RunResult result, GateReport gates) {
        if (result.status() != RunResult.Status.COMPLETED) return null;
        long failed = result.total().failed();
        String errors = failed == 0 || result.errors().isEmpty() ? "" : " (" + errorCounts(result) + ")";
        if (result.total().sent() == 0) {
            return "no record was "
                    + (result.fireAndForget() ? "sent" : "acknowledged")
                    + (failed == 0 ? "" : "; " + String.format(Locale.ROOT, "%,d", failed) + " failed" + errors);
        }
        if (failed > 0 && !gates.has(GateReport.MAX_ERROR_RATE)) {
            return String.format(Locale.ROOT, "%,d", failed) + " record"
                    + (failed == 1 ? "" : "s") + " failed" + errors + ", and without --max-error-rate any failed"
                    + " record fails the run";
        }
        return null;
    }

    /** The first few error types with their counts, most frequent first: a run may see many. */
    private static String errorCounts(RunResult result) {
        List<Map.Entry<String, Long>> byCount = result.errors().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        String shown = byCount.stream()
                .limit(3)
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
        return byCount.size() > 3 ? shown + ", ..." : shown;
    }

    static String startLine(LoadSpec s) {
        Workload w = s.workload();
        Delivery d = s.delivery();
        Map<String, String> p = d.producerConfig();
        return "loadgen run " + s.runId() + ": "
                + (w.records() == Workload.UNLIMITED ? "unlimited" : String.format(Locale.ROOT, "%,d", w.records()))
                + " records"
                + (w.duration() == null ? "" : " or " + Durations.format(w.duration()))
                + (w.rate() instanceof RateShape.Constant c
                        ? " at " + RateShape.formatRate(c.ratePerSecond()) + " records/s"
                        : w.rateLimited() ? " at " + w.rate().describe() : "")
                + " to topic '" + s.topic().name() + "' on " + Secrets.withoutUserInfo(p.get("bootstrap.servers"))
                + " (" + s.senders().threads() + " thread" + (s.senders().threads() > 1 ? "s" : "") + ", "
                + s.senders().producers() + " producer"
                + (s.senders().producers() > 1 ? "s" : "")
                + ", acks=" + d.producerSetting("acks") + ", idempotence="
                + (d.idempotent() ? "on" : "off")
                + (d.transactional()
                        ? ", transactions committed every "
                                + Durations.format(d.transactions().commitInterval())
                        : "")
                + ", compression=" + d.producerSetting("compression.type")
                + ", linger.ms=" + d.producerSetting("linger.ms") + ", batch.size="
                + d.producerSetting("batch.size")
                + "; " + s.payload() + ")";
    }
}
