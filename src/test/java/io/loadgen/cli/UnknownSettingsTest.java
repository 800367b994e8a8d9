package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Issue 14 item 6: a misspelt LOADGEN_* variable or producer property is named in one line, never silent. */
@Timeout(10)
class UnknownSettingsTest {

    private static final CommandSpec ROOT = new CommandLine(LoadgenCommand.class).getCommandSpec();

    @Test
    void anUnknownLoadgenVariableIsNamedWithTheClosestKnownOne() {
        List<String> lines = stderr(err -> UnknownSettings.warnAboutEnv(
                Map.of(
                        "LOADGEN_RAET",
                        "5",
                        "LOADGEN_RECRODS",
                        "1",
                        "LOADGEN_TOTALLY_UNRELATED",
                        "x",
                        "LOADGEN_RATE",
                        "100",
                        "PATH",
                        "/bin"),
                ROOT,
                err));

        assertThat(lines)
                .containsExactly(
                        "loadgen: LOADGEN_RAET is not a setting of loadgen (did you mean LOADGEN_RATE?); ignored",
                        "loadgen: LOADGEN_RECRODS is not a setting of loadgen (did you mean LOADGEN_RECORDS?); ignored",
                        "loadgen: LOADGEN_TOTALLY_UNRELATED is not a setting of loadgen; ignored");
    }

    /** Options of every command (run, tune, verify, report) and the launcher's own variables are known. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "LOADGEN_RECORDS",
                "LOADGEN_MESSAGES", // the former name of --records, still read
                "LOADGEN_PRODUCER_PROPERTY",
                "LOADGEN_BUDGET",
                "LOADGEN_VERIFY_TIMEOUT",
                "LOADGEN_SHARD_COUNT",
                "LOADGEN_MAX_P99_LATENCY",
                "LOADGEN_PROFILER_OPTS",
                "LOADGEN_JAVA_OPTS",
                "LOADGEN_AOT",
                "LOADGEN_JAVA",
                "LOADGEN_APP_DIR",
                "LOADGEN_LAUNCHER_INFO"
            })
    void knownVariablesAreNotWarnedAbout(String name) {
        assertThat(stderr(err -> UnknownSettings.warnAboutEnv(Map.of(name, "1"), ROOT, err)))
                .isEmpty();
    }

    @Test
    void anUnknownProducerPropertyIsNamedWithTheClosestSettingAndNeverItsValue() {
        List<String> lines = stderr(err -> UnknownSettings.warnAboutProducerProperties(
                List.of(
                        "lingr.ms",
                        "basic.auth.user.info",
                        "linger.ms",
                        "sasl.jaas.config",
                        "config.providers.vault.param.url",
                        "metrics.context.team"),
                err));

        assertThat(lines)
                .containsExactly(
                        "loadgen: --producer-property basic.auth.user.info is not a Kafka producer setting; passed on as given, for a plugin",
                        "loadgen: --producer-property lingr.ms is not a Kafka producer setting (did you mean linger.ms?); passed on as given, "
                                + "for a plugin");
    }

    @Test
    void theDistanceCountsASwapOnce() {
        assertThat(io.loadgen.spec.EditDistance.between("rate", "raet")).isEqualTo(1);
        assertThat(io.loadgen.spec.EditDistance.between("messages", "mesages")).isEqualTo(1);
        assertThat(io.loadgen.spec.EditDistance.between("abc", "xyz")).isEqualTo(3);
    }

    private static List<String> stderr(Consumer<PrintStream> action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        action.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
