package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.spec.LoadSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Issue 14 item 6: one number format for every count, rates printed as given, --help showing the values in force. */
@Timeout(10)
class CountsRatesAndHelpTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--records, 1.5k, 1500",
        "--records, 2m, 2000000",
        "--records, 1_000, 1000",
        "--records, 0.25m, 250000",
        "--records, 1.5g, 1500000000",
        "--seed, 2.5k, 2500",
        "--buffer-memory, 1.5m, 1500000"
    })
    void everyCountTakesTheFormsOfRate(String option, String value, long expected) {
        RunOptions o = OptionsFixture.noEnv().parse(option, value);

        long actual = switch (option) {
            case "--records" -> o.records;
            case "--seed" -> o.seed;
            default -> o.producer.bufferMemory;
        };
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--threads, 1.5k, 1500",
        "--partitions, 0.5k, 500",
        "--linger-ms, 1_0, 10",
        "--batch-size, 0.25m, 250000"
    })
    void intCountsToo(String option, String value, int expected) {
        RunOptions o = OptionsFixture.noEnv().parse(option, value);

        int actual = switch (option) {
            case "--threads" -> o.producer.threads;
            case "--partitions" -> o.topicAndPayload.partitions;
            case "--linger-ms" -> o.producer.lingerMs;
            default -> o.producer.batchSize;
        };
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "--records {0}")
    @CsvSource({"1.5", "1.2345k", "1e3", "k", "1..5k", "2x"})
    void aCountThatIsNotWholeIsRefusedNamingTheForms(String value) {
        assertThatThrownBy(() -> OptionsFixture.noEnv().parse("--records", value))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--records': '" + value
                        + "' is not a whole number (examples: 500000, " + "2_000_000, 1.5k, 2m; suffixes k, m, g)");
    }

    @Test
    void aWarmupCountTakesDecimalsToo() {
        assertThat(OptionsFixture.noEnv()
                        .assemble("--warmup", "1.5k")
                        .workload()
                        .warmup()
                        .records())
                .isEqualTo(1_500);
        assertThatThrownBy(() -> OptionsFixture.noEnv().assemble("--warmup", "1.5"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--warmup takes a record count (10000, 1.5k) or a time (5s); got '1.5'");
    }

    @ParameterizedTest(name = "--rate {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "0.5 ; at 0.5 records/s",
                "2.25 ; at 2.25 records/s",
                "50k ; at 50,000 records/s",
                "1.5g ; at 1,500,000,000 records/s"
            })
    void theStartLineShowsTheRateAsGiven(String rate, String expected) {
        LoadSpec spec = OptionsFixture.noEnv().assemble("--rate", rate.trim());

        assertThat(RunCommand.startLine(spec)).contains(expected.trim());
    }

    @Test
    void gatesShowTheirRateAsGiven() {
        assertThat(OptionsFixture.noEnv()
                        .assemble("--min-throughput", "0.5")
                        .gates()
                        .describe())
                .containsEntry("min-throughput", "0.5 records/s");
        assertThat(OptionsFixture.noEnv()
                        .assemble("--min-throughput", "50k")
                        .gates()
                        .describe())
                .containsEntry("min-throughput", "50,000 records/s");
    }

    /** Was "Default: 2000000" whatever LOADGEN_RECORDS said. */
    @Test
    void helpShowsTheMessagesInForce() {
        String usage = new CommandLine(RunCommand.class)
                .setDefaultValueProvider(
                        OptionsFixture.withEnv(Map.of("LOADGEN_RECORDS", "5")).defaults())
                .getUsageMessage(CommandLine.Help.Ansi.OFF);
        int start = usage.indexOf("      --records=N");
        String messages = usage.substring(start, usage.indexOf("--duration=", start));

        assertThat(messages.replaceAll("\\s+", " ")).contains("Default: 5").doesNotContain("Default: 2000000");
    }
}
