package io.loadgen.cli;

import io.loadgen.engine.LoadEngine;
import io.loadgen.engine.PreparedRun;
import io.loadgen.engine.ProducerFactory;
import io.loadgen.engine.RunListener;
import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Placement;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.SloGates;
import io.loadgen.spec.Timing;
import io.loadgen.spec.TopicSpec;
import io.loadgen.spec.Warmup;
import io.loadgen.spec.Workload;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.RunStats;
import io.loadgen.tune.GroupCapacity;
import io.loadgen.watch.AdminOffsets;
import io.loadgen.watch.GroupReport;
import io.loadgen.watch.GroupWatcher;
import io.loadgen.watch.OffsetSource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trials of {@code tune --target group:NAME}: each one a run at one rate on the real topic, watched as
 * {@code run --watch-group} watches, then a wait until the group has caught up, so that the next trial starts from a
 * lag of 0 and judges its own rate, not the backlog of the last.
 */
final class GroupTrials implements GroupCapacity.Runner {

    /** After a trial, how long to wait at most for the group to catch up before the next one. */
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    /** How often a trial reads the group's offsets (and prints nothing: a trial has no progress line). */
    static final Duration TRIAL_READINGS = Duration.ofMillis(250);

    private final LoadSpec start;
    private final String group;
    private final Duration window;
    private final Duration drainBound;
    private final PrintStream out;
    private volatile LoadEngine current;
    private volatile boolean stopped;
    private int n;

    /**
     * @param start      the assembled starting spec: its producer settings, payload and timeouts serve every trial
     * @param drainBound how soon after a trial's last send the group's lag must be 0 for it to have kept up
     */
    GroupTrials(LoadSpec start, String group, Duration window, Duration drainBound, PrintStream out) {
        this.start = start;
        this.group = group;
        this.window = window;
        this.drainBound = drainBound;
        this.out = out;
    }

    void requestStop() {
        stopped = true;
        LoadEngine e = current;
        if (e != null) e.requestStop();
    }

    boolean stopped() {
        return stopped;
    }

    @Override
    public GroupCapacity.Trial run(double rate) {
        n++;
        LoadSpec spec = new LoadSpec(
                start.runId() + "-" + n,
                Placement.SINGLE,
                new TopicSpec(
                        start.topic().name(),
                        false,
                        start.topic().partitions(),
                        start.topic().replicationFactor()),
                new Workload(Workload.UNLIMITED, window, new RateShape.Constant(rate), Warmup.NONE),
                start.senders(),
                start.payload(),
                start.delivery(),
                // Readings four times a second: a trial lasts seconds, and its verdict needs points to fit a line to.
                new Timing(
                        TRIAL_READINGS,
                        start.timing().connectTimeout(),
                        start.timing().stopTimeout()),
                SloGates.NONE,
                GroupWatch.NONE);
        String topic = spec.topic().name();
        Map<String, String> config = spec.delivery().producerConfig();
        LoadEngine engine = new LoadEngine(ProducerFactory.KAFKA);
        current = engine;
        try (GroupWatcher watcher = new GroupWatcher(
                new AdminOffsets(config, topic, spec.timing().connectTimeout()),
                topic,
                List.of(group),
                spec.timing().reportInterval(),
                System::nanoTime,
                System.err)) {
            RunResult result;
            try (PreparedRun prepared = engine.prepare(spec)) {
                watcher.baseline();
                if (stopped) return null;
                result = engine.start(prepared, new RunListener() {
                    @Override
                    public void onStart(RunStats stats) {
                        watcher.start();
                    }
                });
            }
            GroupReport g = watcher.drain(drainBound, () -> stopped).get(0);
            if (stopped || result.status() == RunResult.Status.INTERRUPTED) return null;
            if (g.verdict() == GroupReport.Verdict.NOT_WATCHED) {
                System.err.println("loadgen: cannot watch consumer group '" + group + "': " + g.problem());
                return null;
            }
            boolean keptUp = g.verdict() == GroupReport.Verdict.KEPT_UP;
            double slope = keptUp ? 0 : Math.max(0, g.producedPerSecond() - g.consumedPerSecondBehind());
            GroupCapacity.Trial trial = new GroupCapacity.Trial(
                    rate, g.producedPerSecond(), g.consumedPerSecondBehind(), slope, keptUp, why(g));
            out.println(line(n, trial));
            out.flush();
            if (!g.drained()) catchUp(config, topic);
            return trial;
        } finally {
            current = null;
        }
    }

    /** Waits until the group has consumed everything written so far, or {@link #CATCH_UP} passes. */
    private void catchUp(Map<String, String> config, String topic) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        try (OffsetSource offsets =
                new AdminOffsets(config, topic, start.timing().connectTimeout())) {
            while (!stopped && System.nanoTime() < deadline) {
                Map<Integer, Long> ends = offsets.endOffsets();
                Map<Integer, Long> committed = offsets.committed(group).offsets();
                long lag = 0;
                for (Map.Entry<Integer, Long> e : ends.entrySet()) {
                    lag += Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), e.getValue()));
                }
                if (lag == 0) return;
                Thread.sleep(500);
            }
            if (!stopped)
                out.println("  (the group had not caught up within " + CATCH_UP.toSeconds() + " s; going on)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("loadgen: waiting for group '" + group + "' to catch up: " + e.getMessage());
        }
    }

    private String why(GroupReport g) {
        if (g.verdict() == GroupReport.Verdict.KEPT_UP) {
            return String.format(Locale.ROOT, "kept up, drained %.1f s after the last send", g.drainSeconds());
        }
        return (g.behindFromSeconds() == null
                        ? "fell behind"
                        : String.format(Locale.ROOT, "fell behind from t = %.1f s", g.behindFromSeconds()))
                + (g.drained() ? "" : ", not drained within " + drainBound.toSeconds() + " s");
    }

    static String line(int n, GroupCapacity.Trial t) {
        return String.format(
                Locale.ROOT,
                "trial %d: --rate %,.0f  produced %,.0f/s  consumed %,.0f/s  lag %s  %s",
                n,
                t.rate(),
                t.produced(),
                t.consumed(),
                t.lagSlope() > 0 ? String.format(Locale.ROOT, "+%,.0f/s", t.lagSlope()) : "bounded",
                t.why());
    }
}
