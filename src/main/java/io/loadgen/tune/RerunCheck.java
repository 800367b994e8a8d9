package io.loadgen.tune;

import io.loadgen.spec.Durations;
import java.time.Duration;

/**
 * How to check the winner with {@code loadgen run} so that its figure compares with the trials': a fresh process first
 * compiles its hot code (the tune did that in its JVM warm-up), then each trial had its own warm-up before its
 * measured window. A run with {@code --warmup} covering both and the trial's window after it measures the same thing.
 *
 * @param warmup   the JVM warm-up plus a trial's warm-up
 * @param duration the warm-up plus a trial's measured window
 */
public record RerunCheck(Duration warmup, Duration duration) {

    public static RerunCheck of(Duration jvmWarmup, Duration trialWarmup, Duration trialTime) {
        Duration warmup = jvmWarmup.plus(trialWarmup);
        return new RerunCheck(warmup, warmup.plus(trialTime));
    }

    /** {@code --warmup 12s --duration 20s}. */
    public String args() {
        return "--warmup " + Durations.format(warmup) + " --duration " + Durations.format(duration);
    }
}
