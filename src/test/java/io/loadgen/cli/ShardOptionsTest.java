package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.ShardSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a shard's spec is cut from the fleet's options (issue 5 item 2). */
class ShardOptionsTest {

    @Test
    void aloneIsShardZeroOfOne() {
        LoadSpec spec = OptionsFixture.noEnv().assemble();
        assertThat(spec.placement().shard()).isEqualTo(ShardSpec.SINGLE);
        assertThat(spec.placement().firstPosition()).isZero();
        assertThat(spec.workload().records()).isEqualTo(2_000_000);
    }

    @Test
    void theIndexComesFromKubernetesJobCompletionIndex() {
        LoadSpec spec = OptionsFixture.withEnv(
                        Map.of("JOB_COMPLETION_INDEX", "2", "LOADGEN_SHARD_COUNT", "3", "LOADGEN_RUN_ID", "job-uid"))
                .assemble("--records", "10", "--rate", "1000");
        assertThat(spec.placement().shard()).isEqualTo(new ShardSpec(2, 3));
        assertThat(spec.workload().records()).as("10 = 4 + 3 + 3").isEqualTo(3);
        assertThat(spec.placement().firstPosition()).isEqualTo(7);
        assertThat(((RateShape.Constant) spec.workload().rate()).ratePerSecond())
                .isEqualTo(333);
        assertThat(spec.delivery().producerConfig()).containsEntry("client.id", "loadgen-shard2");
    }

    @Test
    void theCommandLineIndexBeatsTheEnvironment() {
        LoadSpec spec = OptionsFixture.withEnv(Map.of("JOB_COMPLETION_INDEX", "2"))
                .assemble(
                        "--shard-count",
                        "3",
                        "--shard-index",
                        "0",
                        "--run-id",
                        "r",
                        "--records",
                        "10",
                        "--warmup",
                        "3");
        assertThat(spec.placement().shard().index()).isZero();
        assertThat(spec.workload().records()).isEqualTo(4);
        assertThat(spec.workload().warmup().records())
                .as("a warm-up count is shared like --records")
                .isEqualTo(1);
    }

    @Test
    void rampsAreScaledForEachShard() {
        LoadSpec spec =
                OptionsFixture.noEnv().assemble("--shard-count", "4", "--run-id", "r", "--ramp", "4000:8000:10s");
        assertThat(spec.workload().rate()).isEqualTo(new RateShape.Ramp(1000, 2000, java.time.Duration.ofSeconds(10)));
    }

    @Test
    void badShardSettingsAreUsageErrors() {
        assertThatThrownBy(() -> OptionsFixture.noEnv().assemble("--shard-count", "3", "--records", "10"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--run-id is required with --shard-count 3");
        assertThatThrownBy(() ->
                        OptionsFixture.noEnv().assemble("--shard-count", "3", "--shard-index", "3", "--run-id", "r"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--shard-index (or JOB_COMPLETION_INDEX) must be in 0..2");
        assertThatThrownBy(() -> OptionsFixture.noEnv().assemble("--shard-count", "0"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--shard-count must be a positive whole number");
        assertThatThrownBy(() -> OptionsFixture.noEnv()
                        .assemble("--shard-count", "5", "--shard-index", "4", "--run-id", "r", "--records", "3"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("leaves shard 4/5 nothing to send");
    }

    @Test
    void theFleetsOptionsMakeOnePlanWithItsDefaults() {
        FleetPlan alone = OptionsFixture.noEnv().fleet();
        assertThat(alone.publishResult())
                .as("a single run publishes nothing unless asked")
                .isFalse();
        FleetPlan shard = OptionsFixture.withEnv(
                        Map.of("JOB_COMPLETION_INDEX", "1", "LOADGEN_SHARD_COUNT", "3", "LOADGEN_RUN_ID", "job-uid"))
                .fleet("--barrier-timeout", "30s", "--result-file", "shard1.json");
        assertThat(shard)
                .isEqualTo(new FleetPlan(
                        true,
                        java.time.Duration.ofSeconds(30),
                        "loadgen-control",
                        "loadgen-results",
                        true,
                        true,
                        java.time.Duration.ofMinutes(2),
                        java.nio.file.Path.of("shard1.json")));
    }

    @Test
    void badFleetOptionsAreUsageErrorsNamingTheOption() {
        OptionsFixture f = OptionsFixture.noEnv();
        assertThatThrownBy(() -> f.fleet("--barrier-timeout", "0s"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--barrier-timeout");
        assertThatThrownBy(() -> f.fleet("--collect-timeout", "0s"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--collect-timeout");
        assertThatThrownBy(() -> f.fleet("--control-topic", "bad topic"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--control-topic takes a Kafka topic name");
        assertThatThrownBy(() -> f.fleet("--results-topic", "loadgen-control"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--control-topic and --results-topic must be different topics; both are 'loadgen-control'");
        assertThatThrownBy(() -> f.fleet("--topic", "logs", "--results-topic", "logs"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--results-topic must not be the topic under load ('logs')");
    }
}
