package io.loadgen.watch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Watches consumer groups of the run's topic while records are sent, and after the last one until their lag is 0:
 * each interval it reads the topic's end offsets and each group's committed offsets, on a thread and a client of its
 * own, so the send path does not wait for it. A group that cannot be read gets one line on {@code err}, and the run goes
 * on; it may appear later.
 */
public final class GroupWatcher implements AutoCloseable {

    /** How often offsets are read while waiting for the drain. */
    static final Duration DRAIN_READING = Duration.ofMillis(250);

    private final OffsetSource source;
    private final Map<String, GroupTrack> tracks = new LinkedHashMap<>();
    private final Duration interval;
    private final LongSupplier nanoClock;
    private final PrintStream err;
    private final String topic;
    private final EndOffsetHistory history = new EndOffsetHistory();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadgen-group-watch");
        t.setDaemon(true);
        return t;
    });

    private long startNanos;
    private Map<Integer, Long> startEnds;
    private volatile List<GroupSample> latest;
    private String readProblem;

    public GroupWatcher(
            OffsetSource source,
            String topic,
            List<String> groups,
            Duration interval,
            LongSupplier nanoClock,
            PrintStream err) {
        this.source = source;
        this.topic = topic;
        this.interval = interval;
        this.nanoClock = nanoClock;
        this.err = err;
        groups.forEach(g -> tracks.put(g, new GroupTrack(g)));
        this.latest = groups.stream().map(GroupSample::unwatched).toList();
    }

    /**
     * Reads the baseline, on the calling thread: the topic's end offsets and each group's commits before the first
     * record is sent, so that everything the run writes counts as produced, and everything a group consumes of it as
     * consumed. Call just before sending begins.
     */
    public void baseline() {
        startNanos = nanoClock.getAsLong();
        sample();
    }

    /** Sending begins (time 0 of the readings): reads every interval from now on. */
    public void start() {
        startNanos = nanoClock.getAsLong();
        boolean noBaseline;
        synchronized (this) {
            noBaseline = startEnds == null;
        }
        if (noBaseline) thread.execute(this::sample); // the baseline could not be read: try at once
        long every = interval.toNanos();
        thread.scheduleAtFixedRate(this::sample, every, every, TimeUnit.NANOSECONDS);
    }

    /** Each group's figures at the latest reading. */
    public List<GroupSample> latest() {
        return latest;
    }

    /**
     * After the last send: keeps reading every interval until every watched group's lag is 0, or {@code timeout}
     * passes, or {@code stop} says so; then judges each group.
     */
    public List<GroupReport> drain(Duration timeout, BooleanSupplier stop) {
        double sendEnd = seconds(nanoClock.getAsLong());
        Map<String, Double> drainedAt = new LinkedHashMap<>();
        // From here on the readings are taken on this thread, so each one is seen at once; a reading under way on the
        // watch thread ends first, uninterrupted (each Admin call is bounded).
        thread.shutdown();
        try {
            thread.awaitTermination(AdminOffsets.CALL_TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        while (true) {
            long readingFrom = nanoClock.getAsLong();
            sample();
            double now = seconds(nanoClock.getAsLong());
            for (GroupTrack t : tracks.values()) {
                // Only a reading taken now counts: a failed one leaves the figures of an earlier one in place.
                boolean fresh = t.readAtNanos() >= readingFrom;
                if (fresh && t.latest().lagRecords() == 0) {
                    drainedAt.putIfAbsent(t.group, Math.max(0, now - sendEnd));
                }
            }
            boolean allDrained = tracks.values().stream()
                    .allMatch(t -> !t.seen() || t.neverCommitted() != null || drainedAt.containsKey(t.group));
            if (allDrained || stop.getAsBoolean() || nanoClock.getAsLong() >= deadline) break;
            // Finer than the report interval: the time to drain is a figure of its own, and the drain is short.
            long step = Math.min(interval.toMillis(), DRAIN_READING.toMillis());
            sleep(Math.min(step, Math.max(1, (deadline - nanoClock.getAsLong()) / 1_000_000)));
        }
        double end = seconds(nanoClock.getAsLong());
        for (GroupTrack t : tracks.values()) {
            String never = t.neverCommitted();
            if (never != null) {
                err.println(
                        "loadgen: cannot judge consumer group '" + t.group + "' on topic '" + topic + "': " + never);
            }
        }
        List<GroupReport> reports = new ArrayList<>();
        boolean interrupted = stop.getAsBoolean();
        synchronized (this) {
            for (GroupTrack t : tracks.values()) {
                reports.add(t.report(sendEnd, drainedAt.get(t.group), end, interrupted));
            }
        }
        return reports;
    }

    /** Whether any group is watched, so a drain has anything to wait for. */
    public boolean anySeen() {
        synchronized (this) {
            return tracks.values().stream().anyMatch(GroupTrack::seen);
        }
    }

    private synchronized void sample() {
        try {
            long at = nanoClock.getAsLong();
            Map<Integer, Long> ends = source.endOffsets();
            if (startEnds == null) startEnds = Map.copyOf(ends);
            history.add(at, ends);
            long produced = 0;
            for (Map.Entry<Integer, Long> e : ends.entrySet()) {
                produced += Math.max(0, e.getValue() - startEnds.getOrDefault(e.getKey(), 0L));
            }
            double seconds = seconds(at);
            List<GroupSample> samples = new ArrayList<>();
            for (GroupTrack t : tracks.values()) {
                String problem = t.update(seconds, at, source.committed(t.group), ends, startEnds, produced, history);
                if (problem != null) {
                    err.println("loadgen: cannot watch consumer group '" + t.group + "' on topic '" + topic + "': "
                            + problem + "; the run goes on, and the group is watched if it appears");
                }
                samples.add(t.latest());
            }
            latest = List.copyOf(samples);
            // Only what the groups being watched still need. A group not seen yet (absent, mistyped) does not hold the
            // history: should it appear, its lag in time starts as a lower bound.
            List<Map<Integer, Long>> committed = tracks.values().stream()
                    .filter(GroupTrack::seen)
                    .map(GroupTrack::committed)
                    .toList();
            if (!committed.isEmpty()) history.forgetBefore(EndOffsetHistory.lowest(committed));
            readProblem = null;
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(readProblem)) {
                readProblem = String.valueOf(e.getMessage());
                err.println("loadgen: consumer-group watch: " + readProblem + "; retrying every interval");
            }
        }
    }

    private double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        source.close();
    }
}
