package io.loadgen.cli;

import io.loadgen.payload.SequenceHeader;
import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code loadgen verify} against the real broker: a clean run passes, a gap fails, other traffic is ignored. */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class VerifyCommandTest {

    @Test
    void aRunReadBackHasNothingMissing(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("verify");
        LaunchResult run = launcher.launch("--topic", topic, "--create-topic", "--messages", "20000", "--threads", "2", "--sequence-header",
                "--run-id", "verify-ok");
        assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();

        LaunchResult verify = launcher.launch("verify", "--run-id", "verify-ok", "--topic", topic);

        assertThat(verify.exitCode()).as(verify.getOutput() + verify.getErrorOutput()).isZero();
        assertThat(verify.getOutput()).contains("20,000 of this run").containsPattern("total\\s+20,000\\s+0\\s+0\\s+0");
    }

    @Test
    void aGapIsMissingAndExitsOneAndOtherTrafficIsSkipped(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("verify-gap");
        KafkaBroker.createTopic(topic, 1);
        SequenceHeader header = new SequenceHeader("verify-gap", 0, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName()))) {
            for (long n : new long[]{0, 1, 3, 3}) {
                producer.send(new ProducerRecord<>(topic, null, null, null, "x".getBytes(),
                        List.of(new RecordHeader(SequenceHeader.KEY, header.next(n).clone())))).get();
            }
            producer.send(new ProducerRecord<>(topic, "someone else's".getBytes())).get();
        }

        LaunchResult verify = launcher.launch("verify", "--run-id", "verify-gap", "--topic", topic);

        assertThat(verify.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(verify.getOutput()).contains("5 records read, 4 of this run").containsPattern("total\\s+4\\s+1\\s+1\\s+0");
        assertThat(verify.getErrorOutput()).contains("1 record is missing");
    }
}
