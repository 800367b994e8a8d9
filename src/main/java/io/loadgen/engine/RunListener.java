package io.loadgen.engine;

import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;

/** Hears about a run as it goes; called from the engine's ticker thread, never from the hot path. */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** Sending is about to begin; {@code stats} are the live counters (for metrics that read them on scrape). */
    default void onStart(RunStats stats) {
    }

    default void onProgress(Progress progress) {
    }
}
