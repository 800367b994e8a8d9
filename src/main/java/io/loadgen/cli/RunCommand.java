package io.loadgen.cli;

import io.loadgen.engine.LoadEngine;
import io.loadgen.engine.ProducerFactory;
import io.loadgen.engine.RunListener;
import io.loadgen.report.ProgressPrinter;
import io.loadgen.report.ResultJson;
import io.loadgen.report.SummaryPrinter;
import io.loadgen.spec.Durations;
import io.loadgen.spec.LoadSpec;
import io.loadgen.stats.Progress;
import io.loadgen.stats.RunResult;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loadgen run}: assemble the spec, run the engine, print and write the result, map it to an exit code. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Send records to Kafka with a tuned producer and report what the cluster acknowledged. "
                + "A record counts as sent only when the broker acknowledged it. A progress line every --report-interval, "
                + "a summary at the end (also as JSON with --summary-json). SIGINT/SIGTERM stop it gracefully.%n",
        footer = {"%nEvery option --NAME is also config key loadgen.NAME and env var LOADGEN_NAME (upper case, '-' as '_'): "
                + "the command line beats env, env beats application.properties. "
                + "Any producer property passes through as env KAFKA_<PROPERTY> (KAFKA_SASL_JAAS_CONFIG=...), "
                + "config key kafka.<property>, or --producer-property; secrets are never printed.%n",
                ExitCodes.HELP_TEXT})
public class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Override
    public Integer call() {
        LoadSpec spec = SpecAssembler.assemble(options, kafkaConfig);
        PrintStream out = System.out;
        out.println(startLine(spec));
        LoadEngine engine = new LoadEngine(ProducerFactory.KAFKA);
        ProgressPrinter progress = new ProgressPrinter(out);
        RunResult result;
        try (SignalTrap trap = SignalTrap.install(engine::requestStop, System.err)) {
            result = engine.run(spec, new RunListener() {
                @Override
                public void onProgress(Progress p) {
                    progress.print(p);
                }
            });
        }
        SummaryPrinter.print(result, out);
        int code = exitCode(result);
        if (options.summaryJson != null) {
            try {
                ResultJson.write(result, options.summaryJson);
                out.println("summary written to " + options.summaryJson);
            } catch (IOException e) {
                System.err.println("loadgen: cannot write --summary-json " + options.summaryJson + ": " + e.getMessage());
                if (code == ExitCodes.OK) code = ExitCodes.RUN_FAILED;
            }
        }
        return code;
    }

    static int exitCode(RunResult result) {
        if (result.status() == RunResult.Status.INTERRUPTED) return ExitCodes.INTERRUPTED;
        if (result.failed() > 0 || result.sent() == 0) return ExitCodes.RUN_FAILED;
        return ExitCodes.OK;
    }

    private static String startLine(LoadSpec s) {
        Map<String, String> p = s.producerConfig();
        return "loadgen run " + s.runId() + ": " + (s.messages() == LoadSpec.UNLIMITED ? "unlimited" : String.format("%,d", s.messages()))
                + " records" + (s.duration() == null ? "" : " or " + Durations.format(s.duration()))
                + (s.rateLimited() ? String.format(" at %,.0f records/s", s.ratePerSecond()) : "")
                + " to topic '" + s.topic() + "' on " + p.get("bootstrap.servers")
                + " (" + s.threads() + " threads, " + s.producers() + " producer" + (s.producers() > 1 ? "s" : "")
                + ", acks=" + p.getOrDefault("acks", "all") + ", compression=" + p.getOrDefault("compression.type", "none")
                + ", linger.ms=" + p.getOrDefault("linger.ms", "5") + ", batch.size=" + p.getOrDefault("batch.size", "16384")
                + "; " + s.payload() + ")";
    }
}
