package io.loadgen.cli;

import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** A record over the size limit is a failed record with its error type, not a crash, and is never counted as sent. */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class OversizeRecordTest {

    @Test
    void recordsOverTheLimitFailWithTheirTypeAndNothingIsCountedAsSent(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("oversize");

        // 2 MB values: over the producer's max.request.size (1 MiB) and the broker's message.max.bytes.
        LaunchResult run = launcher.launch("--topic", topic, "--create-topic", "--payload", "fixed",
                "--record-size", "2000000", "--messages", "20");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(run.getOutput()).contains("0 acknowledged", "20 failed", "RecordTooLargeException=20");
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
        assertThat(KafkaBroker.countTopic(topic)).isZero();
    }
}
