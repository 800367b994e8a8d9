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

    /**
     * The last interval: from the last {@link #onProgress} to the moment the run stopped waiting for records in
     * flight. Once, after every {@code onProgress}, on the thread that called {@link LoadEngine#start}, before the
     * producers close. With the progress intervals it covers the whole run: what records an interval log must hold.
     */
    default void onEnd(Progress last) {}
}
