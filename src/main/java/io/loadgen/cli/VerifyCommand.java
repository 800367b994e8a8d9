package io.loadgen.cli;

import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ShardResult;
import io.loadgen.verify.SequenceTracker;
import io.loadgen.verify.TopicVerifier;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadgen verify}: reads a run's records back from the topic and checks each sender's sequence numbers, so
 * a loss or a duplicate the producer did not notice shows up.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        showDefaultValues = true,
        sortOptions = false,
        description = "Read a run's records back from the topic (they carry the loadgen.seq header) and report, per "
                + "sender: records received, missing (gaps in the sequence), duplicates, reordered within a partition, "
                + "and the time from each record's timestamp to its reading. Exit 1 when any record is missing.%n",
        footer = {
            "%nEnd-to-end times compare this machine's clock with the producer's record timestamps: they mean "
                    + "something only on the same host or with synchronized clocks, and only while the run is going on.%n",
            ExitCodes.VERIFY_HELP_TEXT
        })
public class VerifyCommand implements Callable<Integer> {

    @Option(names = "--run-id", paramLabel = "ID", required = true, description = "The run to verify.")
    String runId;

    @Option(names = "--topic", paramLabel = "NAME", description = "Topic the run sent to.")
    String topic;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (also KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(
            names = "--verify-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "Give up reading after this long (exit 1: the topic was not read to its end).")
    Duration timeout;

    @Option(
            names = "--result",
            paramLabel = "FILE",
            description = "The run's shard result files (--result-file), one per shard: they say how many records each "
                    + "sender handed to the producer, so a lost tail (acks=0, the last batches before a crash) counts as "
                    + "missing too. Without them only gaps can be seen.",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    List<Path> results = new ArrayList<>();

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Override
    public Integer call() {
        if (topic != null) SpecAssembler.topicName(topic, "--topic");
        Map<SequenceTracker.Sender, Long> handed = handedBySender();
        Map<String, String> settings = KafkaSettings.from(kafkaConfig, bootstrapServers);
        KafkaSettings.checkBootstrap(settings);
        KafkaSettings.reportIgnored(kafkaConfig, System.err);
        Duration limit = timeout == null ? Duration.ofMinutes(2) : timeout;
        TopicVerifier.Outcome outcome;
        try {
            // asked of the Admin API first: a consumer's metadata request would make a broker with auto-create create
            // it
            io.loadgen.cluster.ClusterClients.requireTopic(settings, topic, limit);
        } catch (IllegalStateException e) {
            throw new io.loadgen.engine.RunFailedException(e.getMessage(), e);
        }
        try {
            outcome = new TopicVerifier(settings).verify(topic, runId, limit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new io.loadgen.engine.RunFailedException(
                    "cannot read topic '" + topic + "' within " + limit.toSeconds() + " s: " + e.getMessage(), e);
        }
        return print(outcome, handed, System.out, System.err);
    }

    /** Per sender, the records the run handed to the producer, from the result files; empty without them. */
    private Map<SequenceTracker.Sender, Long> handedBySender() {
        Map<SequenceTracker.Sender, Long> handed = new TreeMap<>();
        for (Path file : results) {
            ShardResult shard;
            try {
                shard = ResultCodec.decode(Files.readString(file));
            } catch (IOException e) {
                throw new UsageException("--result " + file + " cannot be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--result " + file + ": " + e.getMessage());
            }
            if (!shard.result().runId().equals(runId)) {
                throw new UsageException(
                        "--result " + file + " is of run " + shard.result().runId() + ", not " + runId);
            }
            shard.result().handedBySender().forEach((key, n) -> {
                String[] parts = key.split("/");
                handed.put(new SequenceTracker.Sender(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])), n);
            });
        }
        return handed;
    }

    int print(
            TopicVerifier.Outcome outcome, Map<SequenceTracker.Sender, Long> handed, PrintStream out, PrintStream err) {
        Map<SequenceTracker.Sender, SequenceTracker.SenderReport> senders =
                outcome.tracker().bySender(handed);
        out.printf(
                Locale.ROOT,
                "=== loadgen verify: run %s, topic '%s': %,d records read, %,d of this run ===%n",
                runId,
                topic,
                outcome.recordsRead(),
                outcome.recordsOfRun());
        out.printf(
                Locale.ROOT,
                "%-7s %-7s %14s %10s %11s %10s%n",
                "shard",
                "sender",
                "received",
                "missing",
                "duplicates",
                "reordered");
        long received = 0, missing = 0, duplicates = 0, reordered = 0;
        for (Map.Entry<SequenceTracker.Sender, SequenceTracker.SenderReport> e : senders.entrySet()) {
            SequenceTracker.SenderReport r = e.getValue();
            out.printf(
                    Locale.ROOT,
                    "%-7d %-7d %,14d %,10d %,11d %,10d%n",
                    e.getKey().shard(),
                    e.getKey().sender(),
                    r.received(),
                    r.missing(),
                    r.duplicates(),
                    r.reordered());
            received += r.received();
            missing += r.missing();
            duplicates += r.duplicates();
            reordered += r.reordered();
        }
        out.printf(Locale.ROOT, "%-15s %,14d %,10d %,11d %,10d%n", "total", received, missing, duplicates, reordered);
        Histogram e2e = outcome.tracker().endToEndMicros();
        if (e2e.getTotalCount() > 0) {
            out.printf(
                    Locale.ROOT,
                    "record timestamp -> read here, ms: p50 %.3f  p99 %.3f  max %.3f (clocks of two machines "
                            + "unless on one host)%n",
                    e2e.getValueAtPercentile(50) / 1000.0,
                    e2e.getValueAtPercentile(99) / 1000.0,
                    e2e.getMaxValue() / 1000.0);
        }
        out.println(
                handed.isEmpty()
                        ? "missing = gaps below each sender's highest record read; a lost tail needs the run's result (--result FILE)"
                        : String.format(
                                Locale.ROOT,
                                "missing includes each sender's tail: the run's results say %,d records were "
                                        + "handed to the producer",
                                handed.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum()));
        out.flush();
        if (!outcome.complete()) {
            err.println("loadgen: verify stopped at --verify-timeout before reaching the end of the topic");
            return ExitCodes.RUN_FAILED;
        }
        if (outcome.recordsOfRun() == 0 && handed.isEmpty()) {
            err.println("loadgen: no records of run " + runId + " in topic '" + topic
                    + "' (was it sent with --sequence-header?)");
            return ExitCodes.RUN_FAILED;
        }
        if (missing > 0) {
            err.println("loadgen: " + missing + " record" + (missing == 1 ? " is" : "s are") + " missing");
            return ExitCodes.RUN_FAILED;
        }
        return ExitCodes.OK;
    }
}
