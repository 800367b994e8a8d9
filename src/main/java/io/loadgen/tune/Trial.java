package io.loadgen.tune;

/**
 * Runs one short trial with the given settings and says what it achieved. The real one sends to Kafka
 * ({@link EngineTrial}); tests pass a deterministic function, so the search is tested without a broker or a clock.
 */
@FunctionalInterface
public interface Trial {

    /**
     * @return what was measured; a trial that could not run returns {@link Measurement#failed(String)} instead of
     *         throwing, so one bad setting does not end the search
     */
    Measurement run(TrialSettings settings);
}
