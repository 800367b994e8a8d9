package io.loadgen.engine;

import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;

/** Hears about a run as it goes, never from the hot path. */
public interface RunListener {

    /**
     * The clock has started and the sender threads are about to; called on the thread that called
     * {@link LoadEngine#start}. {@code stats} are the live counters (for metrics that read them on scrape).
     */
    default void onStart(RunStats stats) {}

    /** Every report interval, from the engine's ticker thread. */
    default void onProgress(Progress progress) {}
}
