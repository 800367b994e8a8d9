package io.loadgen.cli;

import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ResultsTopic;
import io.loadgen.engine.RunFailedException;
import io.loadgen.spec.GroupWatch;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loadgen report}: merges the shard results of one run into the fleet's summary. Counts add up, latency
 * percentiles come from the merged histograms (exact, not averaged), throughput is over the span from the first
 * start to the last end.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        showDefaultValues = true,
        sortOptions = false,
        description =
                "Merge the shard results of a run into one fleet report: from the results topic (--run-id) "
                        + "or from shard result files. Exit 1 when a shard is missing or records failed, 3 when the fleet misses a gate.%n",
        footer = {
            "%nEvery option --NAME is also config key loadgen.NAME and env var LOADGEN_NAME.%n",
            ExitCodes.REPORT_HELP_TEXT
        })
public class ReportCommand implements Callable<Integer> {

    @Option(names = "--run-id", paramLabel = "ID", description = "Run whose results to collect from the results topic.")
    String runId;

    @Option(
            names = "--shard-count",
            paramLabel = "N",
            converter = Converters.IntCount.class,
            description =
                    "Shards to expect; must agree with the count the results themselves carry (default: that count).")
    Integer shardCount;

    @Option(names = "--results-topic", paramLabel = "TOPIC", description = "Topic the shards publish their results to.")
    String resultsTopic;

    @Option(
            names = "--collect-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "How long to wait for the shards' results.")
    Duration collectTimeout;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (also KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(
            names = "--summary-json",
            paramLabel = "FILE",
            description = "Also write the fleet summary as JSON to FILE.")
    Path summaryJson;

    @Option(
            names = "--report-html",
            paramLabel = "FILE",
            description = "Also write the fleet as one self-contained HTML page to FILE: throughput (the fleet's and "
                    + "each shard's), latency and errors over time, percentiles, gates, a table of the shards.")
    Path reportHtml;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "Shard result files (written with --result-file) to merge instead of reading the topic.",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    List<Path> files = new ArrayList<>();

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Mixin
    GateOptions gates = new GateOptions();

    @Override
    public Integer call() throws IOException {
        OutputPaths.check(OutputPaths.of("--summary-json", summaryJson), OutputPaths.of("--report-html", reportHtml));
        for (Path file : files) {
            for (OutputPaths.Output output : List.of(
                    OutputPaths.of("--summary-json", summaryJson), OutputPaths.of("--report-html", reportHtml))) {
                if (output.path() != null && OutputPaths.sameFile(file, output.path())) {
                    throw new UsageException(output.option() + " " + output.path()
                            + " is one of the result files to merge; give another file");
                }
            }
        }
        List<FleetReport.Sourced> shards = files.isEmpty() ? fromTopic() : fromFiles();
        return FleetReport.report(
                shards,
                shardCount == null ? 0 : shardCount,
                SpecAssembler.gates(gates),
                // The groups' figures come with shard 0's result and are printed; their gates are the run's, judged
                // by shard 0's own fleet report.
                GroupWatch.NONE,
                System.out,
                System.err,
                summaryJson,
                reportHtml);
    }

    private List<FleetReport.Sourced> fromTopic() {
        if (runId == null || runId.isBlank())
            throw new UsageException("report needs --run-id ID, or shard result files to merge");
        if (resultsTopic != null) SpecAssembler.topicName(resultsTopic, "--results-topic");
        Map<String, String> settings = KafkaSettings.from(kafkaConfig, bootstrapServers);
        KafkaSettings.checkBootstrap(settings);
        KafkaSettings.reportIgnored(kafkaConfig, System.err);
        Duration timeout = collectTimeout == null ? Duration.ofMinutes(2) : collectTimeout;
        String topic = resultsTopic == null ? "loadgen-results" : resultsTopic;
        try {
            return new ResultsTopic(settings, topic)
                    .collect(runId, shardCount == null ? 0 : shardCount, timeout).stream()
                            .map(r -> new FleetReport.Sourced(r, null))
                            .toList();
        } catch (IllegalStateException e) {
            throw new RunFailedException("no results of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Every file's result, in the order given; results of several runs are refused unless --run-id picks one. */
    private List<FleetReport.Sourced> fromFiles() throws IOException {
        List<FleetReport.Sourced> shards = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isReadable(file))
                throw new UsageException("result file " + file + " does not exist or is not readable");
            try {
                shards.add(new FleetReport.Sourced(ResultCodec.decode(Files.readString(file)), file.toString()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("result file " + file + ": " + e.getMessage());
            }
        }
        if (runId != null) {
            shards.removeIf(s -> !runId.equals(s.result().result().runId()));
            if (shards.isEmpty()) throw new RunFailedException("none of the result files given is of run " + runId);
        }
        return shards;
    }
}
