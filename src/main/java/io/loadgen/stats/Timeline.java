package io.loadgen.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A run's figures per report interval, for charts over time: records sent and failed, errors by type, the target rate
 * when paced, and latency percentiles of each interval. Immutable; {@link Builder} makes one from the progress ticks.
 *
 * <p>Bounded for a day-long run: it holds at most {@link #MAX_INTERVALS} intervals. When a run fills them, adjacent
 * pairs are merged and each interval from then on spans twice as many ticks. Counts add up exactly. Latency percentiles
 * of a merged pair are the higher of the two: the p-th percentile of two distributions together is never above the
 * higher of their p-th percentiles (at least p of each part lies at or below it), so a merged figure may overstate,
 * never hide, a latency. Keeping every interval's histogram to merge exactly would cost a histogram per interval; the
 * histograms of the interval being filled are merged exactly, which makes every interval after the first halving
 * exact again.
 *
 * <p>A fleet's timeline ({@link #plus}) aligns its shards' intervals in time (they start together after the start
 * barrier), adds their counts and targets and takes the higher latency percentiles, as above; it keeps each shard's
 * own timeline in {@link #shards} for throughput per shard.
 *
 * @param shard          the shard whose run this is, or {@code null} for a fleet's merged timeline
 * @param intervalMillis the length of an interval (the last one of a run is shorter: the run ended during it)
 * @param intervals      in time order
 * @param shards         a fleet's: each shard's own timeline, by shard; empty for one run
 */
public record Timeline(Integer shard, long intervalMillis, List<Interval> intervals, List<Timeline> shards) {

    /** A day of one-minute intervals, or 24 minutes of one-second intervals before the first halving. */
    public static final int MAX_INTERVALS = 1_440;

    private static final Timeline EMPTY = new Timeline(null, 0, List.of(), List.of());

    public Timeline {
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    public static Timeline empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    /** Whether the run was paced in any interval: only then is there a target to draw. */
    public boolean paced() {
        return intervals.stream().anyMatch(i -> i.targetRate() != null);
    }

    /** The run's own timeline as the one part of a run, or a fleet's parts. */
    public List<Timeline> parts() {
        if (!shards.isEmpty()) return shards;
        return isEmpty() ? List.of() : List.of(this);
    }

    /**
     * What happened in one interval.
     *
     * @param sent          records sent (acknowledged) in it, warm-up included
     * @param failed        records failed in it
     * @param errors        those failures by error type
     * @param targetRate    records/s the schedule asked for, averaged over the interval; {@code null} when not paced
     * @param sendToAck     latency percentiles of the measured records acknowledged in it
     * @param intended      from the intended send time; empty unless paced
     * @param scheduleDelay from the intended send time to the send call; empty unless paced
     */
    public record Interval(
            long startEpochMillis,
            long endEpochMillis,
            long sent,
            long failed,
            Map<String, Long> errors,
            Double targetRate,
            Percentiles sendToAck,
            Percentiles intended,
            Percentiles scheduleDelay) {

        public Interval {
            errors = errors == null ? Map.of() : Map.copyOf(errors);
            sendToAck = sendToAck == null ? Percentiles.NONE : sendToAck;
            intended = intended == null ? Percentiles.NONE : intended;
            scheduleDelay = scheduleDelay == null ? Percentiles.NONE : scheduleDelay;
        }

        public double seconds() {
            return Math.max(0, endEpochMillis - startEpochMillis) / 1000.0;
        }

        /** Records sent per second of the interval; 0 for an interval without length. */
        public double recordsPerSecond() {
            double s = seconds();
            return s > 0 ? sent / s : 0;
        }

        private long midpoint() {
            return startEpochMillis + (endEpochMillis - startEpochMillis) / 2;
        }

        /** This interval and the one after it, of the same run, as one. */
        Interval then(Interval next) {
            return new Interval(
                    Math.min(startEpochMillis, next.startEpochMillis),
                    Math.max(endEpochMillis, next.endEpochMillis),
                    sent + next.sent,
                    failed + next.failed,
                    added(errors, next.errors),
                    meanTarget(next),
                    sendToAck.upperBound(next.sendToAck),
                    intended.upperBound(next.intended),
                    scheduleDelay.upperBound(next.scheduleDelay));
        }

        /** This interval and another shard's at the same time, as the fleet's: counts and targets add. */
        Interval alongside(Interval other) {
            return new Interval(
                    Math.min(startEpochMillis, other.startEpochMillis),
                    Math.max(endEpochMillis, other.endEpochMillis),
                    sent + other.sent,
                    failed + other.failed,
                    added(errors, other.errors),
                    summedTarget(other),
                    sendToAck.upperBound(other.sendToAck),
                    intended.upperBound(other.intended),
                    scheduleDelay.upperBound(other.scheduleDelay));
        }

        /** Both shards' targets added; a shard that was not paced adds none. */
        private Double summedTarget(Interval other) {
            if (targetRate == null) return other.targetRate;
            if (other.targetRate == null) return targetRate;
            return targetRate + other.targetRate;
        }

        /** The target over both, weighted by their lengths; a side that was not paced does not count. */
        private Double meanTarget(Interval next) {
            if (targetRate == null) return next.targetRate;
            if (next.targetRate == null) return targetRate;
            double a = seconds(), b = next.seconds();
            return a + b > 0 ? (targetRate * a + next.targetRate * b) / (a + b) : (targetRate + next.targetRate) / 2;
        }

        private static Map<String, Long> added(Map<String, Long> a, Map<String, Long> b) {
            if (b.isEmpty()) return a;
            if (a.isEmpty()) return b;
            Map<String, Long> sum = new TreeMap<>(a);
            b.forEach((k, v) -> sum.merge(k, v, Long::sum));
            return sum;
        }
    }

    /**
     * Latency percentiles of an interval, microseconds like the histograms they come from.
     *
     * @param count values recorded (measured records)
     */
    public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {

        public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0);

        public static Percentiles of(Histogram h) {
            if (h == null || h.getTotalCount() == 0) return NONE;
            return new Percentiles(
                    h.getTotalCount(),
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9),
                    h.getMaxValue());
        }

        public boolean isEmpty() {
            return count == 0;
        }

        /**
         * Both as one, without their histograms: the counts add, each percentile is the higher of the two, which is
         * at or above the true one (see {@link Timeline}); the max is exact.
         */
        public Percentiles upperBound(Percentiles other) {
            if (other.isEmpty()) return this;
            if (isEmpty()) return other;
            return new Percentiles(
                    count + other.count,
                    Math.max(p50, other.p50),
                    Math.max(p90, other.p90),
                    Math.max(p99, other.p99),
                    Math.max(p999, other.p999),
                    Math.max(max, other.max));
        }
    }

    /**
     * A fleet's timeline: both sides' intervals aligned in time and added (see {@link Timeline}), each side's own
     * timeline kept in {@link #shards}.
     *
     * <p>An interval belongs to the bucket of the common length that holds its midpoint, counted from the earlier
     * start: shards that start within half an interval of each other land in the same buckets, and a side whose
     * intervals are shorter (it had not yet halved) is first brought to the common length.
     */
    public Timeline plus(Timeline other) {
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        long length = Math.max(intervalMillis, other.intervalMillis);
        Timeline a = coarsened(length), b = other.coarsened(length);
        long origin = Math.min(
                a.intervals.get(0).startEpochMillis(), b.intervals.get(0).startEpochMillis());
        TreeMap<Long, Interval> fleet = a.buckets(origin, length);
        b.buckets(origin, length).forEach((k, v) -> fleet.merge(k, v, Interval::alongside));
        List<Timeline> parts = new ArrayList<>(parts());
        parts.addAll(other.parts());
        parts.sort(Comparator.comparing(Timeline::shard, Comparator.nullsLast(Comparator.naturalOrder())));
        Timeline merged = new Timeline(null, length, new ArrayList<>(fleet.values()), parts);
        while (merged.intervals.size() > MAX_INTERVALS) merged = merged.halved();
        return merged;
    }

    /** Halved until its intervals are as long as {@code length} would allow without going over it. */
    private Timeline coarsened(long length) {
        Timeline t = this;
        while (t.intervalMillis > 0 && t.intervalMillis * 2 <= length) t = t.halved();
        return t;
    }

    /** Adjacent pairs merged: half as many intervals, each twice as long. */
    Timeline halved() {
        List<Interval> pairs = new ArrayList<>((intervals.size() + 1) / 2);
        for (int i = 0; i < intervals.size(); i += 2) {
            pairs.add(i + 1 < intervals.size() ? intervals.get(i).then(intervals.get(i + 1)) : intervals.get(i));
        }
        return new Timeline(shard, intervalMillis * 2, pairs, shards);
    }

    /** This side's intervals by bucket of {@code length} from {@code origin}; several in one bucket as one. */
    private TreeMap<Long, Interval> buckets(long origin, long length) {
        TreeMap<Long, Interval> byBucket = new TreeMap<>();
        for (Interval i : intervals) {
            long bucket = length > 0 ? Math.floorDiv(i.midpoint() - origin, length) : 0;
            byBucket.merge(bucket, i, Interval::then);
        }
        return byBucket;
    }

    /**
     * Makes a run's timeline from its progress ticks, on the ticker thread, and the last interval when the run
     * ends. Memory stays bounded (see {@link Timeline}): closed intervals keep their percentiles only, the interval
     * being filled keeps histograms (allocated only once intervals span several ticks).
     */
    public static final class Builder {

        private final Integer shard;
        private final long startEpochMillis;
        private final long tickMillis;
        private final int maxIntervals;
        private final List<Interval> closed = new ArrayList<>();

        /** Ticks per interval: 1, doubled at each halving. */
        private int span = 1;

        private long lastFailed;
        private Map<String, Long> lastErrors = Map.of();
        private long lastEndMillis;

        // The interval being filled, over several ticks once span > 1.
        private Open open;

        /**
         * @param startEpochMillis when sending began: the start of the first interval
         * @param tickMillis       the report interval
         */
        public Builder(Integer shard, long startEpochMillis, long tickMillis) {
            this(shard, startEpochMillis, tickMillis, MAX_INTERVALS);
        }

        /** @param maxIntervals at most this many intervals are held (rounded up to an even number, at least 2) */
        public Builder(Integer shard, long startEpochMillis, long tickMillis, int maxIntervals) {
            this.shard = shard;
            this.startEpochMillis = startEpochMillis;
            this.lastEndMillis = startEpochMillis;
            this.tickMillis = tickMillis;
            this.maxIntervals = Math.max(2, maxIntervals + (maxIntervals & 1));
        }

        /**
         * One tick: the interval from the previous one to {@code p}.
         *
         * @param targetRate records/s the schedule asked for, averaged over the interval; 0 when not paced
         */
        public synchronized void add(Progress p, double targetRate) {
            add(p, targetRate, false);
        }

        /**
         * The run's last interval, from the last tick to its end. One shorter than half a tick joins the interval
         * before it: the records acknowledged while a run flushes for a few milliseconds would otherwise show as a
         * spike of records/s.
         */
        public synchronized void addLast(Progress p, double targetRate) {
            add(p, targetRate, true);
        }

        private void add(Progress p, double targetRate, boolean last) {
            RunStats.Snapshot s = p.snapshot();
            // Truncated like the result's window, so the last interval ends where the window does.
            long end = Math.max(lastEndMillis, startEpochMillis + p.elapsedNanos() / 1_000_000);
            Map<String, Long> errors = new TreeMap<>();
            s.errors().forEach((type, n) -> {
                long in = n - lastErrors.getOrDefault(type, 0L);
                if (in > 0) errors.put(type, in);
            });
            long failed = Math.max(0, s.failed() - lastFailed);
            lastFailed = s.failed();
            lastErrors = Map.copyOf(s.errors());
            Double target = targetRate > 0 ? targetRate : null;
            boolean joinsClosed = last
                    && (end - lastEndMillis) * 2 < tickMillis
                    && (open == null || open.ticks == 0)
                    && !closed.isEmpty();
            if (joinsClosed) {
                Interval tail = new Interval(
                        lastEndMillis,
                        end,
                        p.intervalSent(),
                        failed,
                        errors,
                        target,
                        Percentiles.of(s.intervalSendToAck()),
                        Percentiles.of(s.intervalIntended()),
                        Percentiles.of(s.intervalScheduleDelay()));
                closed.set(closed.size() - 1, closed.get(closed.size() - 1).then(tail));
            } else if (span == 1) {
                closed.add(new Interval(
                        lastEndMillis,
                        end,
                        p.intervalSent(),
                        failed,
                        errors,
                        target,
                        Percentiles.of(s.intervalSendToAck()),
                        Percentiles.of(s.intervalIntended()),
                        Percentiles.of(s.intervalScheduleDelay())));
            } else {
                if (open == null) open = new Open();
                open.add(lastEndMillis, end, p.intervalSent(), failed, errors, target, s);
                if (open.ticks == span) closed.add(open.close());
            }
            lastEndMillis = end;
            if (closed.size() >= maxIntervals && (open == null || open.ticks == 0)) halve();
        }

        private void halve() {
            Timeline halved = new Timeline(shard, tickMillis * span, closed, List.of()).halved();
            closed.clear();
            closed.addAll(halved.intervals());
            span *= 2;
        }

        public synchronized Timeline build() {
            List<Interval> all = new ArrayList<>(closed);
            if (open != null && open.ticks > 0) all.add(open.snapshot());
            return new Timeline(shard, tickMillis * span, all, List.of());
        }
    }

    /** An interval being filled over several ticks: exact histograms until it closes. */
    private static final class Open {
        private final Histogram sendToAck = LatencyHistograms.empty();
        private final Histogram intended = LatencyHistograms.empty();
        private final Histogram scheduleDelay = LatencyHistograms.empty();
        private Interval counts;
        private int ticks;

        void add(
                long start,
                long end,
                long sent,
                long failed,
                Map<String, Long> errors,
                Double target,
                RunStats.Snapshot s) {
            Interval tick = new Interval(start, end, sent, failed, errors, target, null, null, null);
            counts = counts == null ? tick : counts.then(tick);
            sendToAck.add(s.intervalSendToAck());
            intended.add(s.intervalIntended());
            scheduleDelay.add(s.intervalScheduleDelay());
            ticks++;
        }

        Interval snapshot() {
            return new Interval(
                    counts.startEpochMillis(),
                    counts.endEpochMillis(),
                    counts.sent(),
                    counts.failed(),
                    counts.errors(),
                    counts.targetRate(),
                    Percentiles.of(sendToAck),
                    Percentiles.of(intended),
                    Percentiles.of(scheduleDelay));
        }

        Interval close() {
            Interval done = snapshot();
            counts = null;
            ticks = 0;
            sendToAck.reset();
            intended.reset();
            scheduleDelay.reset();
            return done;
        }
    }
}
