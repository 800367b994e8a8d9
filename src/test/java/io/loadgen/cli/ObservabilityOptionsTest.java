package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.RateShape.Steps.Step;
import io.loadgen.spec.SloGates;
import io.loadgen.spec.Workload;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The options of issue 4: load shapes, SLO gates and --metrics-linger; accepted forms and one-line refusals. */
@Timeout(10)
class ObservabilityOptionsTest {

    @Test
    void aRampLastsItsLengthUnlessADurationIsGiven() {
        LoadSpec spec = assemble("--ramp|1k:50k:60s");

        assertThat(spec.workload().rate()).isEqualTo(new RateShape.Ramp(1_000, 50_000, Duration.ofSeconds(60)));
        assertThat(spec.workload().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.workload().records()).isEqualTo(Workload.UNLIMITED);
        assertThat(assemble("--ramp|0:2000:10s|--duration|1m").workload().duration())
                .as("then the last rate holds")
                .isEqualTo(Duration.ofMinutes(1));
        LoadSpec counted = assemble("--ramp|0:2000:10s|--records|50000");
        assertThat(counted.workload().records()).isEqualTo(50_000);
        assertThat(counted.workload().duration())
                .as("the records are sent to the end, the last rate holding")
                .isNull();
        assertThat(assemble("--steps|1k:1s,1k:1s|--records|2000").workload().duration())
                .isNull();
        assertThat(assemble("--steps|1k:1s,0:1s|--records|2000").workload().duration())
                .as("a shape ending at rate 0 never sends the rest: it still ends with the shape")
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(assemble("--ramp|50k:0:1m|--records|10m").workload().duration())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(assemble("--steps|1k:1s,0:1s|--records|500").workload().duration())
                .as("due before the pause: the records end it, the shape's end is a bound all the same")
                .isNull();
    }

    @Test
    void stepsAreRatesWithTimesAndTheRunLastsTheirSum() {
        LoadSpec spec = assemble("--steps|10k:30s, 0:5s ,50k:1m");

        assertThat(spec.workload().rate())
                .isEqualTo(new RateShape.Steps(List.of(
                        new Step(10_000, Duration.ofSeconds(30)),
                        new Step(0, Duration.ofSeconds(5)),
                        new Step(50_000, Duration.ofMinutes(1)))));
        assertThat(spec.workload().duration()).isEqualTo(Duration.ofSeconds(95));
        assertThat(spec.describe().get("rate")).isEqualTo("steps 10000/s for 30s, 0/s for 5s, 50000/s for 1m");
    }

    @Test
    void aConstantRateIsAShapeToo() {
        assertThat(assemble("--rate|2.5k").workload().rate()).isEqualTo(new RateShape.Constant(2_500));
        assertThat(assemble("--rate|2.5k").describe().get("rate")).isEqualTo(2_500.0);
        assertThat(assemble().workload().rate()).as("unlimited by default").isNull();
    }

    @Test
    void theRampAndStepsCanComeFromTheEnvironment() {
        LoadSpec spec =
                OptionsFixture.withEnv(Map.of("LOADGEN_RAMP", "100:200:5s")).assemble();

        assertThat(spec.workload().rate()).isEqualTo(new RateShape.Ramp(100, 200, Duration.ofSeconds(5)));
    }

    @Test
    void gatesTakeFractionsPercentagesRatesAndTimes() {
        SloGates gates = assemble(
                        "--max-error-rate|0.1%|--min-throughput|50k|--max-p99-latency|50ms|--max-p999-latency|500us")
                .gates();

        assertThat(gates).isEqualTo(new SloGates(0.001, 50_000.0, Duration.ofMillis(50), Duration.ofNanos(500_000)));
        assertThat(assemble("--max-error-rate|0.001").gates().maxErrorRate()).isEqualTo(0.001);
        assertThat(assemble("--max-error-rate|0").gates().maxErrorRate()).isZero();
        assertThat(assemble("--max-p99-latency|1.5s").gates().maxP99Latency()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(assemble().gates()).isEqualTo(SloGates.NONE);
        assertThat(assemble("--max-p999-latency|500us").describe().get("gates"))
                .isEqualTo(Map.of("max-p999-latency", "500us"));
    }

    @Test
    void theMetricsLingerDefaultsToZero() {
        OptionsFixture fixture = OptionsFixture.noEnv();

        assertThat(SpecAssembler.metricsLinger(fixture.parse())).isZero();
        assertThat(SpecAssembler.metricsLinger(fixture.parse("--metrics-linger", "30s")))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(SpecAssembler.metricsLinger(OptionsFixture.withEnv(Map.of("LOADGEN_METRICS_LINGER", "2m"))
                        .parse()))
                .isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            --rate|100|--ramp|1:2:3s              ; --rate, --ramp and --steps are alternatives; give one of them
            --ramp|1k:2k:3s|--steps|1k:1s         ; --rate, --ramp and --steps are alternatives; give one of them
            --ramp|1k:50k                         ; --ramp takes FROM:TO:TIME, rates in records/s and a time (1k:50k:60s); got '1k:50k'
            --ramp|fast:50k:1m                    ; --ramp takes FROM:TO:TIME, rates in records/s and a time (1k:50k:60s); 'fast' is not a rate in records/s
            --ramp|1k:50k:soon                    ; --ramp takes FROM:TO:TIME, rates in records/s and a time (1k:50k:60s); 'soon' is not a duration
            --ramp|1k:50k:0s                      ; --ramp takes FROM:TO:TIME, rates in records/s and a time (1k:50k:60s); times must be longer than 0, got 0s
            --ramp|-5:50k:1m                      ; --ramp takes FROM:TO:TIME, rates in records/s and a time (1k:50k:60s); rates must not be negative, got -5
            --ramp|0:0:1m                         ; --ramp takes FROM:TO:TIME, rates in records/s and a time (1k:50k:60s); FROM and TO cannot both be 0
            --steps|10k                           ; --steps takes RATE:TIME[,RATE:TIME...], rates in records/s (10k:30s,20k:30s,50k:1m); got '10k' in '10k'
            --steps|10k:30s,                      ; --steps takes RATE:TIME[,RATE:TIME...], rates in records/s (10k:30s,20k:30s,50k:1m); got '' in '10k:30s,'
            --steps|0:10s,0:5s                    ; --steps takes RATE:TIME[,RATE:TIME...], rates in records/s (10k:30s,20k:30s,50k:1m); at least one rate must be positive
            --max-error-rate|5                    ; --max-error-rate takes a fraction from 0 to 1 or a percentage (0.001 or 0.1%); got '5'
            --max-error-rate|150%                 ; --max-error-rate takes a fraction from 0 to 1 or a percentage (0.001 or 0.1%); got '150%'
            --max-error-rate|some                 ; --max-error-rate takes a fraction from 0 to 1 or a percentage (0.001 or 0.1%); got 'some'
            --min-throughput|0                    ; --min-throughput must be a positive number of records/s, got 0.0
            --min-throughput|lots                 ; Invalid value for option '--min-throughput': 'lots' is not a rate in records/s
            --max-p99-latency|50                  ; --max-p99-latency takes a time such as 50ms, 1.5s or 500us; got '50'
            --max-p99-latency|0ms                 ; --max-p99-latency takes a time such as 50ms, 1.5s or 500us, longer than 0; got '0ms'
            --max-p999-latency|fast               ; --max-p999-latency takes a time such as 50ms, 1.5s or 500us; got 'fast'
            --metrics-linger|soon                 ; Invalid value for option '--metrics-linger': 'soon' is not a duration
            """)
    void badInputIsRefusedWithAMessageNamingTheOption(String args, String expected) {
        String[] argv = args.split("\\|");
        try {
            LoadSpec spec = OptionsFixture.noEnv().assemble(argv);
            throw new AssertionError("accepted " + Arrays.toString(argv) + " as " + spec);
        } catch (ParameterException | UsageException e) {
            assertThat(e.getMessage()).contains(expected);
        }
    }

    @Test
    void aNegativeLingerIsRefused() {
        RunOptions o = OptionsFixture.noEnv().parse("--metrics-linger", "PT-1S");

        try {
            SpecAssembler.metricsLinger(o);
            throw new AssertionError("accepted a negative --metrics-linger");
        } catch (UsageException e) {
            assertThat(e.getMessage()).startsWith("--metrics-linger must not be negative");
        }
    }

    @Test
    void helpListsTheNewOptionsAndExitCode3() {
        String usage = new CommandLine(RunCommand.class)
                .setDefaultValueProvider(OptionsFixture.noEnv().defaults())
                .getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage)
                .contains(
                        "--ramp=FROM:TO:TIME",
                        "--steps=RATE:TIME[,...]",
                        "--metrics-linger=TIME",
                        "Default: 0s",
                        "--max-error-rate=FRACTION|PERCENT",
                        "0.001 or 0.1%",
                        "--min-throughput=RECORDS/S",
                        "--max-p99-latency=TIME",
                        "--max-p999-latency=TIME",
                        "3    an SLO gate failed");
    }

    private static LoadSpec assemble(String args) {
        return OptionsFixture.noEnv().assemble(args.split("\\|"));
    }

    private static LoadSpec assemble() {
        return OptionsFixture.noEnv().assemble();
    }
}
