package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.Docker.NeedsTestcontainers;
import io.loadgen.testing.Summary;
import io.loadgen.testing.TopicReader;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The core assertion of {@link RunToKafkaTest} against Apache Kafka in a container, the broker users run in
 * docker compose. Runs where Testcontainers can (an engine with a bridge network, the image pullable); elsewhere it
 * is skipped with the reason, and the in-JVM broker covers the same ground.
 */
@QuarkusMainTest
@NeedsTestcontainers(image = TestcontainersKafkaTest.IMAGE)
@Timeout(300)
class TestcontainersKafkaTest {

    static final String IMAGE = "apache/kafka:4.1.2";
    private static KafkaContainer kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaContainer(IMAGE);
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.stop();
    }

    @Test
    void everyAcknowledgedRecordIsInTheTopic(QuarkusMainLauncher launcher) {
        String topic = "containerized-logs";

        LaunchResult run = launcher.launch(
                "--bootstrap-servers",
                kafka.getBootstrapServers(),
                "--topic",
                topic,
                "--create-topic",
                "--records",
                "20000");

        assertThat(run.exitCode()).as("stderr:\n%s", run.getErrorOutput()).isZero();
        assertThat(Summary.parse(run.getOutput()).sent()).isEqualTo(20_000);
        assertThat(TopicReader.count(kafka.getBootstrapServers(), topic, Duration.ofSeconds(60)))
                .isEqualTo(20_000);
    }
}
