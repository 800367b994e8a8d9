package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.ShardSpec;
import io.loadgen.spec.Warmup;
import io.loadgen.spec.Workload;
import io.loadgen.tune.AppliedSettings;
import io.loadgen.tune.EngineTrial;
import io.loadgen.tune.Knob;
import io.loadgen.tune.RerunCheck;
import io.loadgen.tune.TrialSettings;
import io.loadgen.tune.TrialSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Each trial's spec is derived from the starting point's ({@link TrialSpecs}) instead of being assembled again, and
 * it must be the spec {@code loadgen run} assembles from the same options with the trial's settings: the "check it"
 * line the tune prints promises exactly that. So each case below tunes from some options, derives trials for several
 * settings, and compares each whole spec with the one {@link SpecAssembler} makes of that line.
 */
@Timeout(10)
class TrialSpecsTest {

    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(8);
    private static final String TOPIC = "loadgen-tune-20250101-000000-abcd-3";
    private static final String RUN_ID = "20250101-000000-abcd-3";

    @Test
    void fromTheDefaultsEveryKnobAndARateAreWhatRunAssembles() {
        Tune tune = new Tune(
                OptionsFixture.noEnv(),
                List.of("--partitions", "3", "--bootstrap-servers", "b1:9092,b2:9092"),
                List.of("--threads", "1", "--linger-ms", "0", "--batch-size", "16384"));
        TrialSettings from = tune.startingSettings();

        assertThat(from).isEqualTo(new TrialSettings(1, 1, "lz4", 16_384, 0, 5, 0));
        tune.assertEveryTrialIsWhatRunAssembles(
                from,
                from.with(Knob.COMPRESSION, "none"),
                from.with(Knob.COMPRESSION, "zstd"),
                from.with(Knob.COMPRESSION, "gzip"),
                from.with(Knob.BATCH_SIZE, "1048576"),
                from.with(Knob.LINGER_MS, "100"),
                from.with(Knob.MAX_IN_FLIGHT, "1"),
                from.with(Knob.MAX_IN_FLIGHT, "5"),
                from.with(Knob.THREADS, "4").with(Knob.PRODUCERS, "2"),
                from.withRate(25_000));
    }

    @Test
    void anIdempotentStartStaysIdempotentAtEveryMaxInFlightItSearches() {
        Tune tune = new Tune(OptionsFixture.noEnv(), List.of(), List.of("--acks", "all", "--threads", "2"));
        TrialSettings from = tune.startingSettings();

        assertThat(tune.fixed()).containsEntry("acks", "all").containsEntry("idempotence", "true");
        tune.assertEveryTrialIsWhatRunAssembles(
                from,
                from.with(Knob.MAX_IN_FLIGHT, "1"),
                from.with(Knob.MAX_IN_FLIGHT, "2"),
                from.with(Knob.MAX_IN_FLIGHT, "5").with(Knob.PRODUCERS, "2"));
    }

    @Test
    void aStartAboveFiveInFlightWithoutIdempotenceKeepsItOffAtEveryMaxInFlight() {
        Tune tune = new Tune(
                OptionsFixture.noEnv(),
                List.of(),
                List.of("--acks", "all", "--idempotence", "false", "--max-in-flight", "10"));
        TrialSettings from = tune.startingSettings();

        assertThat(tune.fixed()).containsEntry("acks", "all").containsEntry("idempotence", "false");
        tune.assertEveryTrialIsWhatRunAssembles(
                from, from.with(Knob.MAX_IN_FLIGHT, "1"), from.with(Knob.MAX_IN_FLIGHT, "5"));
        assertThat(tune.trial(from.with(Knob.MAX_IN_FLIGHT, "5")).delivery().idempotent())
                .isFalse();
    }

    @Test
    void aTransactionalStartGivesEverySenderThreadItsOwnProducer() {
        Tune tune = new Tune(
                OptionsFixture.noEnv(),
                List.of("--transaction-interval", "50ms"),
                List.of("--acks", "all", "--transactional", "--threads", "2"));
        TrialSettings from = tune.startingSettings();

        assertThat(from.producers()).isEqualTo(2);
        assertThat(tune.fixed()).containsEntry("transactional", "true");
        tune.assertEveryTrialIsWhatRunAssembles(
                from,
                from.with(Knob.THREADS, "3").with(Knob.PRODUCERS, "1"),
                from.with(Knob.THREADS, "4").with(Knob.PRODUCERS, "4").with(Knob.LINGER_MS, "5"));
        // run refuses any other count, and so does the derived spec
        assertThatThrownBy(() -> tune.trial(from.with(Knob.THREADS, "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one producer per sender thread");
    }

    @Test
    void envConfigAndTheRunOnlyDefaultsReachEveryTrialAsTheyReachRun() {
        // the payload's cardinality and seed and the gates are options tune does not have: run's defaults, from env
        // here
        OptionsFixture env = OptionsFixture.withEnv(Map.of(
                "LOADGEN_PAYLOAD",
                "fixed",
                "LOADGEN_RECORD_SIZE",
                "512",
                "LOADGEN_KEYS",
                "resource-id",
                "LOADGEN_RESOURCE_CARDINALITY",
                "99",
                "LOADGEN_SEED",
                "7",
                "LOADGEN_MAX_P99_LATENCY",
                "50ms",
                "KAFKA_COMPRESSION_TYPE",
                "snappy",
                "LOADGEN_BUFFER_MEMORY",
                "67108864",
                "KAFKA_REQUEST_TIMEOUT_MS",
                "15000"));
        // A --producer-property of a searched setting is only where its search starts (tune --help): the rerun is given
        // the setting as an option instead, which that property would beat, so it is given to the tune alone.
        Tune tune = new Tune(
                env,
                List.of("--client-id", "tuner", "--producer-property", "delivery.timeout.ms=60000"),
                List.of("--producer-property", "linger.ms=7"));
        TrialSettings from = tune.startingSettings();

        assertThat(from.lingerMs()).isEqualTo(7);
        assertThat(from.compression()).isEqualTo("snappy");
        assertThat(tune.trial(from).gates().maxP99Latency()).isEqualTo(Duration.ofMillis(50));
        assertThat(tune.trial(from).payload().resourceCardinality()).isEqualTo(99);
        tune.assertEveryTrialIsWhatRunAssembles(
                from,
                from.with(Knob.LINGER_MS, "20"),
                from.with(Knob.COMPRESSION, "lz4"),
                from.with(Knob.BATCH_SIZE, "65536"));
    }

    @Test
    void theJvmWarmUpIsARunWithoutWarmUp() {
        Tune tune = new Tune(OptionsFixture.noEnv(), List.of(), List.of());
        TrialSettings from = tune.startingSettings();
        Duration jvmWarmup = Duration.ofSeconds(10);

        LoadSpec derived =
                tune.command.trialSpecs(tune.start, Duration.ZERO, jvmWarmup).spec(from, TOPIC, RUN_ID);

        assertThat(derived.workload().warmup()).isEqualTo(Warmup.NONE);
        assertThat(derived)
                .isEqualTo(tune.assembled(from, RerunCheck.of(Duration.ZERO, Duration.ZERO, jvmWarmup), List.of()));
    }

    @Test
    void aFractionalRateIsKeptThoughThePrintedLineRoundsIt() {
        Tune tune = new Tune(OptionsFixture.noEnv(), List.of(), List.of());
        // rates the SLO search bisects to are seldom whole; the printed line gives whole records/s
        TrialSettings paced = tune.startingSettings().withRate(12_345.6);

        LoadSpec derived = tune.trial(paced);

        assertThat(derived.workload().rate()).isEqualTo(new RateShape.Constant(12_345.6));
        assertThat(AppliedSettings.of(paced, tune.fixed()).args()).contains("--rate 12346");
        // what run assembles from the rate as the trial ran it
        List<String> exact =
                new ArrayList<>(tune.runArgs(paced.withRate(0), RerunCheck.of(Duration.ZERO, WARMUP, WINDOW)));
        exact.addAll(List.of("--rate", "12345.6"));
        assertThat(derived).isEqualTo(tune.config.assemble(exact.toArray(String[]::new)));
    }

    @Test
    void runOnlyShapesInEnvNeitherRefuseNorShapeTheTrials() {
        // set for 'run' in a pod's env: a count, a ramp, a fleet of shards, the sequence header
        OptionsFixture env = OptionsFixture.withEnv(Map.of(
                "LOADGEN_RECORDS",
                "1000",
                "LOADGEN_RAMP",
                "1k:2k:10s",
                "LOADGEN_RATE",
                "500",
                "LOADGEN_SHARD_COUNT",
                "3",
                "LOADGEN_SEQUENCE_HEADER",
                "true",
                "LOADGEN_REPORT_INTERVAL",
                "1m"));
        Tune tune = new Tune(env, List.of(), List.of());

        LoadSpec trial = tune.trial(tune.startingSettings());

        assertThat(trial.workload().records()).isEqualTo(Workload.UNLIMITED);
        assertThat(trial.workload().duration()).isEqualTo(WARMUP.plus(WINDOW));
        assertThat(trial.workload().rate()).isNull();
        assertThat(trial.placement().shard()).isEqualTo(ShardSpec.SINGLE);
        assertThat(trial.delivery().sequenceHeader()).isFalse();
        assertThat(trial.timing().reportInterval()).isEqualTo(TrialSpecs.SAMPLE_INTERVAL);
        assertThat(trial.delivery().producerConfig()).containsEntry("client.id", "loadgen");
    }

    @Test
    void aBatchSizeRunWouldRefuseFailsItsTrialWithRunsReason() {
        Tune tune = new Tune(OptionsFixture.noEnv(), List.of("--buffer-memory", "524288"), List.of());

        assertThatThrownBy(() -> tune.trial(tune.startingSettings().with(Knob.BATCH_SIZE, "1048576")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(
                        "--batch-size (batch.size) 1048576 is larger than --buffer-memory (buffer.memory) 524288");
    }

    @Test
    void aCodecTheClientRefusesIsRefusedAtTheStartSoEveryTrialsCodecIsOneRunAccepts() {
        // the client's own check when the start is assembled: a --producer-property is not read by --compression
        for (String codec : List.of("brotli", "ZSTD")) {
            assertThatThrownBy(() -> new Tune(
                            OptionsFixture.noEnv(),
                            List.of(),
                            List.of("--producer-property", "compression.type=" + codec)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("Invalid value " + codec + " for configuration compression.type");
        }
    }

    /**
     * A tune parsed as the application parses it (picocli, defaults from the fixture's config), and its start.
     *
     * @param shared given to the tune and to every run: they are not among the settings the printed line gives
     * @param start  given to the tune alone: the starting point's searched and fixed settings, which the line gives
     */
    private static final class Tune {
        final OptionsFixture config;
        final List<String> shared;
        final TuneCommand command = new TuneCommand();
        final LoadSpec start;

        Tune(OptionsFixture config, List<String> shared, List<String> start) {
            this.config = config;
            this.shared = shared;
            List<String> args = new ArrayList<>(shared);
            args.addAll(start);
            new CommandLine(command).setDefaultValueProvider(config.defaults()).parseArgs(args.toArray(String[]::new));
            command.kafkaConfig = config.kafkaConfig();
            this.start =
                    command.startingSpec("loadgen-tune-20250101-000000-abcd-0", "20250101-000000-abcd", WARMUP, WINDOW);
        }

        TrialSettings startingSettings() {
            return TuneCommand.startingSettings(start);
        }

        Map<String, String> fixed() {
            return TuneCommand.fixedSettings(start);
        }

        LoadSpec trial(TrialSettings settings) {
            EngineTrial.Specs specs = command.trialSpecs(start, WARMUP, WINDOW);
            return specs.spec(settings, TOPIC, RUN_ID);
        }

        void assertEveryTrialIsWhatRunAssembles(TrialSettings... settings) {
            for (TrialSettings s : settings) {
                // The printed line's --warmup adds the tune's JVM warm-up, as a rerun is a fresh JVM; a trial runs
                // after it, in a warm one, so its own warm-up is the trial's alone.
                assertThat(trial(s))
                        .as(s.describe())
                        .isEqualTo(assembled(s, RerunCheck.of(Duration.ZERO, WARMUP, WINDOW), List.of()));
            }
        }

        LoadSpec assembled(TrialSettings settings, RerunCheck check, List<String> more) {
            List<String> args = new ArrayList<>(runArgs(settings, check));
            args.addAll(more);
            return config.assemble(args.toArray(String[]::new));
        }

        /**
         * The printed "check it" line as run options, after the options shared with the tune, with the trial's own
         * topic, run id and report interval (a rerun has its own: the configured topic, a new id, the usual interval).
         */
        List<String> runArgs(TrialSettings settings, RerunCheck check) {
            String line = AppliedSettings.of(settings, fixed()).checkLine(check);
            assertThat(line).startsWith("loadgen run ");
            List<String> args = new ArrayList<>(shared);
            args.addAll(Arrays.asList(line.substring("loadgen run ".length()).split(" ")));
            args.addAll(List.of(
                    "--topic",
                    TOPIC,
                    "--run-id",
                    RUN_ID,
                    "--report-interval",
                    Long.toString(TrialSpecs.SAMPLE_INTERVAL.toMillis()) + "ms"));
            return args;
        }
    }
}
