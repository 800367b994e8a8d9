package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.cluster.ResultCodec;
import io.loadgen.cluster.ShardResult;
import io.loadgen.payload.SequenceHeader;
import io.loadgen.spec.ShardSpec;
import io.loadgen.stats.Results;
import io.loadgen.stats.RunResult;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code loadgen verify} against the real broker: a clean run passes, a gap fails, other traffic is ignored. */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class VerifyCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunReadBackHasNothingMissing(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("verify");
        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "20000",
                "--threads",
                "2",
                "--sequence-header",
                "--run-id",
                "verify-ok");
        assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();

        LaunchResult verify = launcher.launch("verify", "--run-id", "verify-ok", "--topic", topic);

        assertThat(verify.exitCode())
                .as(verify.getOutput() + verify.getErrorOutput())
                .isZero();
        assertThat(verify.getOutput()).contains("20,000 of this run").containsPattern("total\\s+20,000\\s+0\\s+0\\s+0");
    }

    /** A real run's result says how many records each sender handed over: read back, nothing is missing. */
    @Test
    void withTheRunsResultEachSendersWholeSequenceIsChecked(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("verify-result");
        Path result = dir.resolve("verify-result.json");
        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "20000",
                "--threads",
                "2",
                "--sequence-header",
                "--run-id",
                "verify-result",
                "--result-file",
                result.toString());
        assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();

        LaunchResult verify =
                launcher.launch("verify", "--run-id", "verify-result", "--topic", topic, "--result", result.toString());

        assertThat(verify.exitCode())
                .as(verify.getOutput() + verify.getErrorOutput())
                .isZero();
        assertThat(verify.getOutput())
                .containsPattern("total\\s+20,000\\s+0\\s+0\\s+0")
                .contains("the run's results say 20,000 records were handed to the producer");
    }

    /**
     * An acks=0 run loses the last records of a sender (a broker restart): nothing in the topic shows it, the run's
     * result does. Sender 0 handed over 15 records, the first 10 arrived.
     */
    @Test
    void aLostTailIsFoundOnlyWithTheRunsResult(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("verify-tail");
        KafkaBroker.createTopic(topic, 1);
        send(topic, "verify-tail", java.util.stream.LongStream.range(0, 10).toArray());
        RunResult sent = Results.builder()
                .runId("verify-tail")
                .stopReason("all 15 records handed to the producer")
                .endEpochMillis(1)
                .sent(15)
                .bytes(15)
                .measuredSent(15)
                .measuredBytes(15)
                .fireAndForget(true)
                .handedBySender(Map.of("0/0", 15L))
                .build();
        Path result = Files.writeString(
                dir.resolve("verify-tail.json"), ResultCodec.encode(new ShardResult(ShardSpec.SINGLE, 0, 15, sent)));

        LaunchResult topicAlone = launcher.launch("verify", "--run-id", "verify-tail", "--topic", topic);
        LaunchResult withResult =
                launcher.launch("verify", "--run-id", "verify-tail", "--topic", topic, "--result", result.toString());

        assertThat(topicAlone.exitCode()).as("the topic alone cannot tell").isZero();
        assertThat(topicAlone.getOutput()).contains("a lost tail needs the run's result (--result FILE)");
        assertThat(withResult.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(withResult.getOutput()).containsPattern("total\\s+10\\s+5\\s+0\\s+0");
        assertThat(withResult.getErrorOutput()).contains("5 records are missing");
    }

    @Test
    void aGapIsMissingAndExitsOneAndOtherTrafficIsSkipped(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("verify-gap");
        KafkaBroker.createTopic(topic, 1);
        send(topic, "verify-gap", 0, 1, 3, 3);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "someone else's".getBytes()))
                    .get();
        }

        LaunchResult verify = launcher.launch("verify", "--run-id", "verify-gap", "--topic", topic);

        assertThat(verify.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(verify.getOutput())
                .contains("5 records read, 4 of this run")
                .containsPattern("total\\s+4\\s+1\\s+1\\s+0");
        assertThat(verify.getErrorOutput()).contains("1 record is missing");
    }

    /** Records of sender 0 of shard 0 of {@code runId}, numbered as given, as a run with --sequence-header sends them. */
    private static void send(String topic, String runId, long... sequence) throws Exception {
        SequenceHeader header = new SequenceHeader(runId, 0, 0);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long n : sequence) {
                producer.send(new ProducerRecord<>(
                                topic,
                                null,
                                null,
                                null,
                                "x".getBytes(),
                                List.of(new RecordHeader(
                                        SequenceHeader.KEY, header.next(n).clone()))))
                        .get();
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                "bootstrap.servers",
                KafkaBroker.bootstrapServers(),
                "key.serializer",
                ByteArraySerializer.class.getName(),
                "value.serializer",
                ByteArraySerializer.class.getName()));
    }
}
