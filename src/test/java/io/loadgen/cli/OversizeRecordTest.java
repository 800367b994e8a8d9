package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A record the producer would refuse (over its max.request.size) is refused before anything is sent, exit 2; one
 * only the broker refuses (over its message.max.bytes) is a failed record with its error type, not a crash, and is
 * never counted as sent.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class OversizeRecordTest {

    @Test
    void recordsOverMaxRequestSizeAreRefusedBeforeAnythingIsSent(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("oversize-refused");

        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--payload",
                "fixed",
                "--record-size",
                "2000000",
                "--records",
                "20");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .singleElement()
                .asString()
                .startsWith(
                        "loadgen: --record-size 2000000 makes records of 2000088 bytes (value, key and record overhead), "
                                + "over the producer's max.request.size 1048576: every record would fail; give a --record-size of at most 1048489");
        assertThat(run.getOutput()).doesNotContain("loadgen summary");
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
    }

    @Test
    void recordsOverTheBrokersLimitFailWithTheirTypeAndNothingIsCountedAsSent(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("oversize");

        // 2 MB values: within a raised max.request.size, over the broker's message.max.bytes (about 1 MiB).
        LaunchResult run = launcher.launch(
                "--topic",
                topic,
                "--create-topic",
                "--payload",
                "fixed",
                "--record-size",
                "2000000",
                "--records",
                "20",
                "--producer-property",
                "max.request.size=5000000");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(run.getOutput()).contains("0 acknowledged", "20 failed", "RecordTooLargeException=20");
        assertThat(run.getErrorStream())
                .filteredOn(l -> l.startsWith("loadgen:"))
                .containsExactly(
                        "loadgen: the run failed: no record was acknowledged; 20 failed (RecordTooLargeException=20)");
        Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput());
        assertThat(KafkaBroker.countTopic(topic)).isZero();
    }
}
