package io.loadgen.cli;

import static io.loadgen.cli.OutputPathsCommandTest.topicExists;
import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14, item 9: {@code verify} and {@code report} never create a topic, on a broker that creates one for any
 * client that asks about it (auto.create.topics.enable, Kafka's default, on in the test broker: the first test shows
 * it, so the others can fail).
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class NoTopicCreatedTest {

    @Test
    void theTestBrokerCreatesATopicForAConsumerThatAsks() throws Exception {
        String topic = KafkaBroker.uniqueTopic("auto-created");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers",
                KafkaBroker.bootstrapServers(),
                "key.deserializer",
                ByteArrayDeserializer.class.getName(),
                "value.deserializer",
                ByteArrayDeserializer.class.getName()))) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30));
        }
        assertThat(appearsWithin(topic, Duration.ofSeconds(20)))
                .as("the broker creates it (asynchronously)")
                .isTrue();
    }

    @Test
    void verifyOfAMissingTopicSaysSoAndLeavesItMissing(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("verify-missing");

        LaunchResult verify =
                launcher.launch("verify", "--run-id", "nobody", "--topic", topic, "--verify-timeout", "20s");

        assertThat(verify.exitCode()).as(verify.getErrorOutput()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(verify.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .containsExactly("loadgen: topic '" + topic + "' does not exist on " + KafkaBroker.bootstrapServers());
        Summary.assertNoStackTrace(verify.getOutput(), verify.getErrorOutput());
        assertThat(appearsWithin(topic, Duration.ofSeconds(3))).isFalse();
    }

    @Test
    void reportFromAMissingResultsTopicSaysSoAndLeavesItMissing(QuarkusMainLauncher launcher) throws Exception {
        String topic = KafkaBroker.uniqueTopic("results-missing");

        LaunchResult report =
                launcher.launch("report", "--run-id", "nobody", "--results-topic", topic, "--collect-timeout", "20s");

        assertThat(report.exitCode()).as(report.getErrorOutput()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(report.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .containsExactly("loadgen: no results of run nobody: topic '" + topic + "' does not exist on "
                        + KafkaBroker.bootstrapServers());
        Summary.assertNoStackTrace(report.getOutput(), report.getErrorOutput());
        assertThat(appearsWithin(topic, Duration.ofSeconds(3))).isFalse();
    }

    /** The broker creates an auto-created topic a moment after the metadata request that asked for it: poll. */
    static boolean appearsWithin(String topic, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            if (topicExists(topic)) return true;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
