package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.testing.InJvmKafkaResource;
import io.loadgen.testing.KafkaBroker;
import io.loadgen.testing.Summary;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exit codes, messages and help of the real command (issue items 2, 7 and 8): bad usage exits 2 with one line, a run
 * that cannot happen exits 1 with one line, never a stack trace; help shows the effective defaults and the exit codes.
 * Each launch boots the application (3-8 s here), so each case is one launch and the timeouts are generous.
 */
@QuarkusMainTest
@WithTestResource(InJvmKafkaResource.class)
@Timeout(120)
class CommandErrorsAndHelpTest {

    /** How long it takes is checked in JarLaunchIT, where the application's own start-up is not in the measurement. */
    @Test
    void unreachableBrokersFailWithAClearMessage(QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch(
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--connect-timeout",
                "2s",
                "--topic",
                KafkaBroker.uniqueTopic("unreachable"),
                "--records",
                "10");

        assertFailedWith(
                run,
                ExitCodes.RUN_FAILED,
                "loadgen: cannot reach Kafka at 127.0.0.1:1 within 2.0 s (--connect-timeout)");
    }

    @Test
    void aMissingTopicIsNamedWhenNotToldToCreateIt(QuarkusMainLauncher launcher) {
        String topic = KafkaBroker.uniqueTopic("absent");

        LaunchResult run = launcher.launch("--topic", topic, "--records", "10");

        assertFailedWith(run, ExitCodes.RUN_FAILED, "loadgen: topic '" + topic + "' does not exist");
        assertThat(run.getErrorOutput()).contains("--create-topic");
    }

    /**
     * One case of each way bad usage is caught: a value picocli cannot convert, a value the spec assembler refuses,
     * a missing file, an unknown option, a producer setting the Kafka client refuses (InputValidationTest has the
     * full table). One test looping over the cases, because JUnit's parameterized-test resolver and Quarkus's would
     * both claim the launcher parameter, and dynamic tests would escape the class's timeout.
     */
    @Test
    @Timeout(300)
    void badUsageExitsTwoWithOneLine(QuarkusMainLauncher launcher) {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("--duration soon", "loadgen: Invalid value for option '--duration': 'soon' is not a duration");
        cases.put(
                "--compression brotli",
                "loadgen: --compression must be one of none, gzip, snappy, lz4, zstd; got 'brotli'");
        cases.put(
                "--payload-file /no/such.txt",
                "loadgen: --payload-file /no/such.txt does not exist or is not a readable file");
        cases.put("--bogus", "loadgen: Unknown option: '--bogus'");
        cases.put(
                "--topic usage --create-topic --producer-property acks=7",
                "loadgen: invalid producer setting: Invalid value 7 for configuration acks");

        SoftAssertions.assertSoftly(softly -> cases.forEach((args, firstLine) -> {
            LaunchResult run = launcher.launch(args.split(" "));

            assertFailedWith(softly, args, run, ExitCodes.USAGE, firstLine);
            softly.assertThat(run.getOutput()).as("%s: nothing ran", args).doesNotContain("loadgen summary");
        }));
    }

    @Test
    void runHelpShowsEveryOptionWithItsEffectiveDefaultAndTheExitCodes(QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch("run", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.getOutput())
                .contains(
                        "--topic=NAME",
                        "Default: logs",
                        "--compression",
                        "Default: lz4",
                        "--records",
                        "--duration",
                        "--rate",
                        "--warmup",
                        "--payload-file",
                        "--summary-json",
                        "LOADGEN_",
                        "KAFKA_",
                        "Exit codes:",
                        "130");
        // the sections (HelpSectionsTest) with the application's own picocli factory too
        assertThat(run.getOutput()).contains("Workload (", "Producer (", "SLO gates (", "Scale-out (");
    }

    /**
     * {@code run} is the default subcommand, so {@code loadgen --help} is what a user types first: it must show the
     * options with their effective defaults (issue item 2), not only the list of subcommands.
     */
    @Test
    void topLevelHelpShowsTheRunOptionsWithDefaultsAndTheExitCodes(QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.getOutput()).contains("Exit codes:", "Default: logs", "--records");
        // picocli pads the names to the longest subcommand's
        assertThat(run.getOutput())
                .containsPattern("\n  run +" + java.util.regex.Pattern.quote(CommandList.SUMMARIES.get("run")))
                .containsPattern("\n  tune +" + java.util.regex.Pattern.quote(CommandList.SUMMARIES.get("tune")));
    }

    @Test
    void versionNamesTheKafkaClient(QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.getOutput()).contains("Kafka client 4.1.2");
    }

    /** Help lists -V, --version for every subcommand; it printed nothing there. */
    @Test
    void everySubcommandsVersionIsTheApplications(QuarkusMainLauncher launcher) {
        String version = launcher.launch("--version").getOutput();
        for (String[] args : new String[][] {{"run", "--version"}, {"verify", "-V"}}) {
            LaunchResult run = launcher.launch(args);

            assertThat(run.exitCode()).as(args[0]).isZero();
            assertThat(run.getOutput()).as(args[0]).isEqualTo(version).contains("Kafka client");
        }
        for (Class<?> subcommand : LoadgenCommand.class
                .getAnnotation(picocli.CommandLine.Command.class)
                .subcommands()) {
            assertThat(subcommand
                            .getAnnotation(picocli.CommandLine.Command.class)
                            .versionProvider())
                    .as(subcommand.getSimpleName())
                    .isEqualTo(LoadgenCommand.Version.class);
        }
    }

    private static void assertFailedWith(LaunchResult run, int exitCode, String firstLine) {
        SoftAssertions.assertSoftly(softly -> assertFailedWith(softly, "", run, exitCode, firstLine));
    }

    /** The exit code, exactly one "loadgen: ..." line on stderr starting as given, and no stack trace anywhere. */
    private static void assertFailedWith(
            SoftAssertions softly, String args, LaunchResult run, int exitCode, String firstLine) {
        softly.assertThat(run.exitCode())
                .as("%s exit code; stderr:%n%s%nstdout:%n%s", args, run.getErrorOutput(), run.getOutput())
                .isEqualTo(exitCode);
        softly.assertThat(run.getErrorStream())
                .as("%s one error line", args)
                .filteredOn(line -> line.startsWith("loadgen:"))
                .singleElement()
                .asString()
                .startsWith(firstLine);
        softly.check(() -> Summary.assertNoStackTrace(run.getOutput(), run.getErrorOutput()));
    }
}
