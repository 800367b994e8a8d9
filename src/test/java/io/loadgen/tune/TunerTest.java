package io.loadgen.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The search logic against deterministic fake trials and a fake clock: every trial "takes" 10 s, throughput and
 * latency are functions of the settings, so each expectation below is exact.
 */
@Timeout(10)
class TunerTest {

    private static final long TRIAL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final TrialSettings START = new TrialSettings(1, 1, "none", 16_384, 0, 1, 0);
    private static final TrialSettings OPTIMUM = new TrialSettings(2, 1, "lz4", 262_144, 20, 5, 0);
    private static final Set<Knob> ALL = EnumSet.allOf(Knob.class);
    /** Hears nothing: the tests look at the result. */
    static final Tuner.Listener NO_LISTENER = new Tuner.Listener() {};

    private final AtomicLong clock = new AtomicLong();

    /** Peaks at {@link #OPTIMUM}; each knob's factor falls off away from its best value, independently. */
    static double throughput(TrialSettings s) {
        double f = 1_000_000;
        f *= Map.of(1, 0.6, 2, 1.0, 4, 0.7, 8, 0.5).getOrDefault(s.threads(), 0.4);
        f *= s.producers() == 1 ? 1.0 : 0.8;
        f *= Map.of("none", 0.7, "lz4", 1.0, "snappy", 0.9, "zstd", 0.75).getOrDefault(s.compression(), 0.3);
        f *= Map.of(16_384, 0.5, 65_536, 0.8, 262_144, 1.0, 1_048_576, 0.9).getOrDefault(s.batchSize(), 0.4);
        f *= Map.of(0, 0.7, 5, 0.85, 20, 1.0, 50, 0.95, 100, 0.9).getOrDefault(s.lingerMs(), 0.4);
        f *= Map.of(1, 0.6, 2, 0.8, 5, 1.0).getOrDefault(s.maxInFlight(), 0.4);
        return f;
    }

    /** A trial function that advances the fake clock by one trial and records what it was asked to run. */
    private Trial fake(Function<TrialSettings, Measurement> model, List<TrialSettings> asked) {
        return s -> {
            asked.add(s);
            clock.addAndGet(TRIAL_NANOS);
            return model.apply(s);
        };
    }

    private Tuner tuner(Trial trial, Objective objective, Duration budget, SearchSpace space) {
        return new Tuner(trial, clock::get, space, objective, budget, Duration.ofSeconds(10), NO_LISTENER);
    }

    @Test
    void findsTheOptimumOfASeparableSurfaceWithFarFewerTrialsThanTheGrid() {
        List<TrialSettings> asked = new java.util.ArrayList<>();
        SearchSpace space = SearchSpace.around(START, ALL, 4);

        TuneResult result = tuner(
                        fake(s -> Measurements.of(throughput(s), 5), asked),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofHours(1),
                        space)
                .run(START);

        assertThat(result.best().settings()).isEqualTo(OPTIMUM);
        assertThat(result.best().recordsPerSecond()).isEqualTo(1_000_000);
        assertThat(asked.get(0)).as("the starting settings are measured first").isEqualTo(START);
        assertThat(result.trials().get(0).phase()).isEqualTo("baseline");
        assertThat(result.trials()).extracting(TrialRun::phase).endsWith("confirm", "confirm start");
        assertThat(asked.size())
                .as("trials, against a grid of %d", space.gridSize())
                .isLessThan(40);
        assertThat(space.gridSize()).isGreaterThan(1_000);
        assertThat(result.stopReason()).isEqualTo("search converged");
    }

    @Test
    void runsNoSettingsTwiceExceptToConfirmTheWinnerAndNeverMoreProducersThanThreads() {
        List<TrialSettings> asked = new java.util.ArrayList<>();

        TuneResult result = tuner(
                        fake(s -> Measurements.of(throughput(s), 5), asked),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofHours(1),
                        SearchSpace.around(START, ALL, 4))
                .run(START);

        Set<TrialSettings> seen = new HashSet<>();
        for (TrialRun r : result.trials()) {
            if (!r.phase().startsWith("confirm"))
                assertThat(seen.add(r.settings()))
                        .as("trial %d repeats settings", r.number())
                        .isTrue();
        }
        assertThat(asked).allSatisfy(s -> assertThat(s.producers()).isLessThanOrEqualTo(s.threads()));
        assertThat(result.best().runs()).hasSize(2);
    }

    @Test
    void theBudgetBoundsTheSearchAndTheBestIsAtLeastTheStart() {
        List<TrialSettings> asked = new java.util.ArrayList<>();

        TuneResult result = tuner(
                        fake(s -> Measurements.of(throughput(s), 5), asked),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofSeconds(65),
                        SearchSpace.around(START, ALL, 4))
                .run(START);

        // four search trials (each leaving room for two more), then the winner and the start again in the room kept
        assertThat(asked).hasSize(6);
        assertThat(result.trials()).extracting(TrialRun::phase).endsWith("confirm", "confirm start");
        assertThat(asked.get(5)).isEqualTo(START);
        assertThat(result.best().runs()).hasSize(2);
        assertThat(result.elapsedSeconds()).isLessThanOrEqualTo(65);
        assertThat(result.stopReason()).startsWith("budget reached");
        assertThat(result.best().recordsPerSecond()).isGreaterThanOrEqualTo(throughput(START));
    }

    @Test
    void theTrialEstimateGrowsWithTheLongestTrialSeen() {
        // Trials take 30 s while the nominal length says 10 s: after the first, the search plans with 30 s, and a
        // second
        // trial plus the two kept for the confirmation (30 + 3 × 30 s) no longer fit in 100 s (with 10 s they would);
        // the start is measured again in the time kept.
        Trial slow = s -> {
            clock.addAndGet(3 * TRIAL_NANOS);
            return Measurements.of(throughput(s), 5);
        };

        TuneResult result = tuner(
                        slow, Objective.MAX_THROUGHPUT, Duration.ofSeconds(100), SearchSpace.around(START, ALL, 4))
                .run(START);

        assertThat(result.trials()).extracting(TrialRun::phase).containsExactly("baseline", "confirm start");
        assertThat(result.elapsedSeconds()).isEqualTo(60);
    }

    @Test
    void aGainWithinTheNoiseIsNotTaken() {
        // linger 5 is 3 % faster than linger 0: less than MIN_GAIN, so the start stays the best.
        TrialSettings start = new TrialSettings(1, 1, "lz4", 16_384, 0, 5, 0);
        Function<TrialSettings, Measurement> model =
                s -> Measurements.of(s.lingerMs() == 5 ? 103_000 : s.lingerMs() == 0 ? 100_000 : 90_000, 5);

        TuneResult result = tuner(
                        fake(model, new java.util.ArrayList<>()),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofHours(1),
                        SearchSpace.around(start, EnumSet.of(Knob.LINGER_MS), 2))
                .run(start);

        assertThat(result.best().settings())
                .as("the trial at linger 5 ran but did not win by enough to move")
                .isEqualTo(start);
        assertThat(result.trials())
                .extracting(r -> r.settings().lingerMs())
                .as("the start measured again at the end")
                .containsExactly(0, 5, 0);
        assertThat(result.best().runs()).hasSize(2);
    }

    @Test
    void aGainThatDoesNotHoldUpInTheConfirmationLeavesTheStartAsTheBest() {
        // linger 5 measures 20 % faster once, then 30 % slower when confirmed: its mean is below the start's.
        TrialSettings start = new TrialSettings(1, 1, "lz4", 16_384, 0, 5, 0);
        int[] lingerFiveRuns = {0};
        Function<TrialSettings, Measurement> model = s -> s.lingerMs() == 5
                ? Measurements.of(lingerFiveRuns[0]++ == 0 ? 120_000 : 70_000, 5)
                : Measurements.of(s.lingerMs() == 0 ? 100_000 : 90_000, 5);

        TuneResult result = tuner(
                        fake(model, new java.util.ArrayList<>()),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofHours(1),
                        SearchSpace.around(start, EnumSet.of(Knob.LINGER_MS), 2))
                .run(start);

        assertThat(result.trials()).extracting(TrialRun::phase).endsWith("confirm", "confirm start");
        assertThat(result.best().settings()).isEqualTo(start);
        assertThat(result.best().recordsPerSecond()).isEqualTo(100_000);
        assertThat(result.best().runs()).as("the start, measured twice").hasSize(2);
    }

    @Test
    void aFailingStartEndsTheSearchWithoutABest() {
        TuneResult result = tuner(
                        fake(s -> Measurement.failed("cannot reach Kafka"), new java.util.ArrayList<>()),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofHours(1),
                        SearchSpace.around(START, ALL, 4))
                .run(START);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.trials()).hasSize(1);
        assertThat(result.stopReason()).isEqualTo("the starting settings failed: cannot reach Kafka");
    }

    @Test
    void aSettingThatFailsLaterIsSkippedNotFatal() {
        Function<TrialSettings, Measurement> model = s ->
                s.compression().equals("zstd") ? Measurement.failed("broken codec") : Measurements.of(throughput(s), 5);

        TuneResult result = tuner(
                        fake(model, new java.util.ArrayList<>()),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofHours(1),
                        SearchSpace.around(START, EnumSet.of(Knob.COMPRESSION), 4))
                .run(START);

        assertThat(result.best().settings().compression()).isEqualTo("lz4");
        assertThat(result.trials())
                .anySatisfy(r -> assertThat(r.measurement().failure()).isEqualTo("broken codec"));
    }

    /** Capacity depends on the settings; p99 = 2 ms + 100 ms × (rate / capacity)^4, so p99 <= 20 ms up to 0.651 × capacity. */
    static Measurement latencyModel(TrialSettings s) {
        double capacity = throughput(s);
        if (!s.paced()) return Measurements.of(capacity, 500);
        double load = Math.min(1, s.rate() / capacity);
        return Measurements.of(Math.min(s.rate(), capacity), 2 + 100 * Math.pow(load, 4));
    }

    @Test
    void underAnSloItFindsTheHighestRateThatMeetsItWithinThePrecision() {
        TrialSettings start = OPTIMUM; // nothing to gain from the knobs: the rate search alone
        double best = 1_000_000 * Math.pow(0.18, 0.25);

        TuneResult result = tuner(
                        fake(TunerTest::latencyModel, new java.util.ArrayList<>()),
                        new Objective.LatencySlo(20),
                        Duration.ofHours(1),
                        SearchSpace.around(start, EnumSet.of(Knob.LINGER_MS), 2))
                .run(start);

        assertThat(result.trials().get(0).phase()).isEqualTo("capacity");
        assertThat(result.best().settings().rate())
                .isLessThanOrEqualTo(best)
                .isGreaterThan(best * (1 - 2 * Tuner.RATE_PRECISION));
        assertThat(result.best().last().meetsSlo()).isTrue();
        assertThat(result.best().p99Millis()).isLessThanOrEqualTo(20);
        assertThat(result.trials())
                .filteredOn(r -> r.settings().paced())
                .allSatisfy(
                        r -> assertThat(r.meetsSlo()).isEqualTo(r.measurement().p99Millis() <= 20));
    }

    @Test
    void underAnSloBetterSettingsRaiseTheRateFound() {
        // From linger 0 (capacity 700k) the knob search finds linger 20 (1M): its own rate limit is higher.
        TrialSettings start = new TrialSettings(2, 1, "lz4", 262_144, 0, 5, 0);

        TuneResult result = tuner(
                        fake(TunerTest::latencyModel, new java.util.ArrayList<>()),
                        new Objective.LatencySlo(20),
                        Duration.ofHours(1),
                        SearchSpace.around(start, EnumSet.of(Knob.LINGER_MS), 2))
                .run(start);

        assertThat(result.best().settings().lingerMs()).isEqualTo(20);
        assertThat(result.best().settings().rate()).isGreaterThan(0.7 * Math.pow(0.18, 0.25) * 1_000_000);
    }

    @Test
    void theFrontierKeepsOnlyTrialsNoOtherBeatsOnBothAxes() {
        // Each step up in linger is faster and slower to acknowledge, until 100, which is worse on both counts than 50.
        Map<Integer, Measurement> byLinger = Map.of(
                0,
                Measurements.of(100, 10),
                5,
                Measurements.of(200, 20),
                20,
                Measurements.of(250, 30),
                50,
                Measurements.of(300, 50),
                100,
                Measurements.of(280, 60));
        TrialSettings start = new TrialSettings(1, 1, "lz4", 16_384, 0, 5, 0);

        TuneResult result = tuner(
                        fake(
                                s -> byLinger.getOrDefault(s.lingerMs(), Measurements.of(50, 100)),
                                new java.util.ArrayList<>()),
                        Objective.MAX_THROUGHPUT,
                        Duration.ofHours(1),
                        SearchSpace.around(start, EnumSet.of(Knob.LINGER_MS), 2))
                .run(start);

        assertThat(result.frontier()).extracting(r -> r.settings().lingerMs()).containsExactly(50, 20, 5, 0);
        assertThat(result.trials()).extracting(r -> r.settings().lingerMs()).containsExactly(0, 5, 20, 50, 100, 50, 0);
    }
}
