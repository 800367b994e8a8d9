package io.loadgen.engine;

import io.loadgen.payload.Generators;
import io.loadgen.payload.KeyGenerator;
import io.loadgen.payload.RecordGenerator;
import io.loadgen.payload.SequenceHeader;
import io.loadgen.payload.WallClock;
import io.loadgen.spec.Durations;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Workload;
import io.loadgen.stats.MachineFacts;
import io.loadgen.stats.ProcessCpu;
import io.loadgen.stats.RecordShape;
import io.loadgen.stats.RunCard;
import io.loadgen.stats.RunResult;
import io.loadgen.stats.RunStats;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs one load spec against Kafka and returns what the cluster acknowledged. Knows nothing of the command line,
 * Quarkus or the console: progress goes to a {@link RunListener}, the result is returned.
 *
 * <p>A run has two steps, so that what happens between them is the caller's and in plain sight (a fleet's start
 * barrier): {@link #prepare} checks the cluster and topic and creates and connects the producers, untimed;
 * {@link #start} starts the clock and the sender threads, stops on message count, duration or {@link #requestStop()},
 * waits for records in flight (at most the stop timeout after sending stopped), closes the producers and returns
 * the result. {@link #run} does both for callers with nothing to do between them.
 */
public final class LoadEngine {

    /**
     * How long after a paced run's duration its senders may still hand over records that fell due before the end:
     * a sender is always a little behind its schedule (waking from a park), and without this the last few would be
     * reported as "due but never sent". One tick of the schedule watch; a sender further behind is stopped.
     */
    static final long DURATION_CATCH_UP_NANOS = ScheduleWatch.TICK_NANOS;

    private final ProducerFactory producerFactory;
    private final LongSupplier nanoClock;
    private final LongSupplier epochNanos;
    private final StopSignal stop = new StopSignal();

    public LoadEngine(ProducerFactory producerFactory) {
        this(producerFactory, System::nanoTime, WallClock.epochNanos());
    }

    LoadEngine(ProducerFactory producerFactory, LongSupplier nanoClock, LongSupplier epochNanos) {
        this.producerFactory = producerFactory;
        this.nanoClock = nanoClock;
        this.epochNanos = epochNanos;
    }

    /**
     * Asks a running (or about to run) load to stop early: sending stops, records in flight are awaited for at most
     * the stop timeout. Also while they are awaited after the run's own end: the run then counts as interrupted.
     * Thread-safe.
     */
    public void requestStop() {
        stop.interrupt(nanoClock.getAsLong());
    }

    /**
     * Stops waiting for records in flight at once (a second signal): they are reported as unconfirmed, and the result
     * is returned as quickly as the producers can be closed. Thread-safe.
     */
    public void abandonWait() {
        stop.abandon(nanoClock.getAsLong());
    }

    /** Whether a stop was asked for ({@link #requestStop()}): for what the caller does between prepare and start. */
    public boolean stopRequested() {
        return stop.interrupted();
    }

    /** {@link #prepare} and {@link #start} in one, for callers with nothing to do between them. */
    public RunResult run(LoadSpec spec, RunListener listener) {
        try (PreparedRun prepared = prepare(spec)) {
            return start(prepared, listener);
        }
    }

    /**
     * Step 1, untimed: checks the cluster and the topic, creates the producers, connects them (metadata) and, for a
     * transactional run, initialises their transactions. A {@link #requestStop()} while it connects ends it with
     * {@link StoppedBeforeStartException}; a cluster or topic that is not usable with {@link RunFailedException}, a
     * setting the client rejects with {@link BadSettingException}.
     */
    public PreparedRun prepare(LoadSpec spec) {
        // The cluster and topic check talks to the broker while the producers are built: start-up time counts
        // for every pod of a Kubernetes Job, and the two do not depend on each other.
        NativeCodecs.requireLoadable(spec.delivery().producerSetting("compression.type"));
        FutureTask<RunCard.Cluster> topicCheck = new FutureTask<>(() -> TopicPreparer.prepare(spec));
        daemon(topicCheck, "loadgen-topic-check").start();
        NativeCodecs.preferNative(); // first: the primer's lz4 batch must load the codec the producer will use
        Thread primer = daemon(() -> BatchPathPrimer.run(spec.delivery()), "loadgen-batch-primer");
        primer.start();
        List<Producer<byte[], byte[]>> producers = createProducers(spec);
        RunCard.Cluster cluster = awaitTopicCheck(topicCheck, producers);
        int partitions = 0;
        try {
            for (Producer<byte[], byte[]> p : producers) // connect + metadata, untimed
            partitions = p.partitionsFor(spec.topic().name()).size();
            if (spec.delivery().transactional()) initTransactions(spec, producers);
        } catch (RuntimeException e) {
            closeAll(producers, Duration.ZERO);
            throw e;
        }
        // The tool's version is the caller's to add: the engine does not know which application runs it.
        RunCard card = new RunCard(null, MachineFacts.ofThisProcess(), cluster);
        joinQuietly(primer, 2_000); // done long before this in practice: it must not take a core from the senders
        primer.interrupt();
        return new PreparedRun(spec, producers, partitions, card);
    }

    /**
     * Step 2: starts the clock and the sender threads and returns, once sending stopped and records in flight were
     * awaited, what the cluster acknowledged. {@code listener} hears {@code onStart} on this thread just before the
     * senders start, and progress from the ticker thread. A {@link #requestStop()} that came after {@link #prepare}
     * and before this ends it with {@link StoppedBeforeStartException}: nothing was sent.
     */
    public RunResult start(PreparedRun prepared, RunListener listener) {
        LoadSpec spec = prepared.spec();
        Workload workload = spec.workload();
        List<Producer<byte[], byte[]>> producers = prepared.start();
        if (stop.interrupted()) {
            closeAll(producers, Duration.ZERO);
            throw new StoppedBeforeStartException("stopped before sending started; nothing was sent");
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "loadgen-ticker"));
        try {
            RunStats stats = new RunStats();
            listener.onStart(stats);
            Function<LongSupplier, RecordGenerator> generators =
                    Generators.forSpec(spec.payload(), spec.placement().shard().index());
            // One acknowledgement counter per producer: its I/O thread is the counter's only writer.
            List<RunStats.AckCounter> acks = new ArrayList<>();
            for (int p = 0; p < producers.size(); p++) acks.add(stats.newAckCounter());
            long epochOffset = epochNanos.getAsLong() - nanoClock.getAsLong();

            long startEpochMillis = System.currentTimeMillis();
            long start = nanoClock.getAsLong();
            long end = workload.duration() == null
                    ? Pacer.NEVER
                    : start + workload.duration().toNanos();
            SequenceClaims claims = new SequenceClaims(spec.placement().firstPosition(), workload.records());
            WarmupGate warmup =
                    new WarmupGate(workload.warmup(), spec.placement().firstPosition(), start);
            List<Thread> threads = new ArrayList<>();
            List<SenderThread> senders = new ArrayList<>();
            for (int t = 0; t < spec.senders().threads(); t++) {
                // The threads share one schedule, interleaved, so their records arrive evenly instead of in bursts.
                Pacer pacer = workload.rateLimited()
                        ? new Pacer(
                                workload.rate(),
                                t,
                                spec.senders().threads(),
                                start,
                                end,
                                nanoClock,
                                LockSupport::parkNanos)
                        : null;
                SendClock sendClock = new SendClock(nanoClock, epochOffset);
                SenderThread sender = new SenderThread(
                        spec.topic().name(),
                        producers.get(t % producers.size()),
                        generators.apply(sendClock::epochNanos),
                        new KeyGenerator(spec.payload()),
                        claims.new Cursor(),
                        pacer,
                        warmup,
                        stop,
                        stats,
                        acks.get(t % producers.size()),
                        sendClock,
                        nanoClock);
                if (spec.delivery().sequenceHeader())
                    sender.withSequenceHeader(new SequenceHeader(
                            spec.runId(), spec.placement().shard().index(), t));
                if (spec.delivery().transactional()) {
                    // One producer per thread (the spec guarantees it): a producer's transaction spans all its threads.
                    sender.withTransactions(new TransactionCycle(
                            producers.get(t),
                            transactionalId(spec, t),
                            spec.delivery().transactions().commitInterval().toNanos(),
                            stats,
                            nanoClock));
                }
                senders.add(sender);
                threads.add(new Thread(sender, "loadgen-sender-" + t));
            }
            if (workload.duration() != null) {
                // Paced senders end by themselves at the duration's end (their schedule hands out nothing due later),
                // after handing over what fell due before it; a moment's grace lets one that is a little late (a
                // wake-up, a young collection) do so. The stop ends whatever is still sending: unpaced senders, and
                // paced ones blocked in send(). Either way the duration ended at its end, not when the ticker ran.
                long grace = workload.rateLimited() ? DURATION_CATCH_UP_NANOS : 0;
                ticker.schedule(
                        () -> stop.stop(StopSignal.Reason.DURATION_REACHED, end),
                        workload.duration().toNanos() + grace,
                        TimeUnit.NANOSECONDS);
            }
            ScheduleWatch watch = new ScheduleWatch(
                    stats, workload.rate(), workload.records(), start, end, startEpochMillis, nanoClock, stop);
            ticker.scheduleAtFixedRate(
                    watch::tick, ScheduleWatch.TICK_NANOS, ScheduleWatch.TICK_NANOS, TimeUnit.NANOSECONDS);
            long intervalNanos = spec.timing().reportInterval().toNanos();
            Timeline.Builder timeline =
                    new Timeline.Builder(spec.placement().shard().index(), startEpochMillis, intervalNanos / 1_000_000);
            ProgressTicker progress =
                    new ProgressTicker(stats, watch, listener, nanoClock, start, workload.rate(), timeline);
            ticker.scheduleAtFixedRate(progress::tick, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
            threads.forEach(Thread::start);

            // Whatever the broker does, the wait ends --stop-timeout after sending stopped: a sender blocked in send()
            // and records the broker never answers are given up on, not waited for until the client's own timeouts.
            boolean gaveUp = !awaitSenders(threads, spec.timing().stopTimeout());
            long sendersDone = nanoClock.getAsLong();
            // Senders that ended by themselves short of the record count, in a run with a duration, ended for it:
            // paced ones stop once their next record falls due after the end, which may be a moment before it.
            if (workload.duration() != null && stats.attemptedCount() < workload.records())
                stop.stop(StopSignal.Reason.DURATION_REACHED, end);
            else stop.stop(StopSignal.Reason.MESSAGES_SENT, sendersDone);
            watch.sendingStopped(stop.requestedAtNanos());
            if (!gaveUp) gaveUp = !awaitInFlight(producers, spec.timing().stopTimeout());
            long finished = nanoClock.getAsLong();
            // Before closing: a forced close fails what is still in flight, and those records were not failed by Kafka.
            RunStats.Snapshot last = progress.finish(finished);
            Shortfall shortfall = watch.finish(finished, last.inFlight());
            Double compression = compressionRatio(producers);
            ticker.shutdownNow();
            closeAll(producers, gaveUp ? Duration.ZERO : spec.timing().stopTimeout());
            producers.clear();
            for (Thread t : threads) joinQuietly(t, 1_000);
            RecordShape shape = recordShape(senders, threads, stats, prepared.partitions());

            long measuredStart = warmup.measuredStartNanos(finished);
            return new RunResult(
                    spec.runId(),
                    status(stop, shortfall),
                    describe(stop, spec, shortfall, gaveUp),
                    new RunResult.Window(
                            startEpochMillis,
                            startEpochMillis + (measuredStart - start) / 1_000_000,
                            startEpochMillis + (finished - start) / 1_000_000),
                    new RunResult.Counts(last.sent(), last.failed(), last.sentBytes()),
                    new RunResult.Counts(last.measuredSent(), last.measuredFailed(), last.measuredBytes()),
                    last.errors(),
                    new RunResult.Latencies(last.totalSendToAck(), last.totalIntended(), last.totalScheduleDelay()),
                    shortfall,
                    spec.delivery().fireAndForget(),
                    handedBySender(spec, senders),
                    compression,
                    cpuSeconds(),
                    shape,
                    spec.describe(),
                    prepared.card(),
                    timeline.build());
        } finally {
            ticker.shutdownNow();
            closeAll(producers, Duration.ZERO);
        }
    }

    /**
     * The senders' value sizes added up, and the records per partition the acknowledgements counted. A sender still
     * blocked in send() when the run gave up on it may still write its histogram: its sizes are left out.
     */
    private static RecordShape recordShape(
            List<SenderThread> senders, List<Thread> threads, RunStats stats, int partitions) {
        Histogram sizes = RecordShape.newSizeHistogram();
        for (int i = 0; i < senders.size(); i++) {
            if (!threads.get(i).isAlive()) sizes.add(senders.get(i).valueSizes());
        }
        return new RecordShape(sizes, stats.perPartition(partitions));
    }

    /**
     * Registers each transactional.id with its transaction coordinator (fencing an earlier producer with the same id),
     * before the clock starts. Bounded by the producer's max.block.ms.
     */
    private static void initTransactions(LoadSpec spec, List<Producer<byte[], byte[]>> producers) {
        for (int i = 0; i < producers.size(); i++) {
            try {
                producers.get(i).initTransactions();
            } catch (KafkaException e) {
                throw new RunFailedException(
                        "cannot start transactions for transactional.id " + transactionalId(spec, i) + ": "
                                + TopicPreparer.reason(e),
                        e);
            }
        }
    }

    private static String transactionalId(LoadSpec spec, int sender) {
        return spec.delivery()
                .transactions()
                .transactionalId(spec.runId(), spec.placement().shard().index(), sender);
    }

    /** Waits for the topic check; a stop request (SIGTERM while connecting) ends the wait at once. */
    private RunCard.Cluster awaitTopicCheck(
            FutureTask<RunCard.Cluster> topicCheck, List<Producer<byte[], byte[]>> producers) {
        try {
            while (true) {
                try {
                    return topicCheck.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillConnecting) {
                    if (stop.interrupted()) {
                        closeAll(producers, Duration.ZERO);
                        throw new StoppedBeforeStartException("stopped while connecting to Kafka; nothing was sent");
                    }
                }
            }
        } catch (ExecutionException e) {
            closeAll(producers, Duration.ZERO);
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new RunFailedException("cannot check the topic: " + TopicPreparer.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(producers, Duration.ZERO);
            throw new RunFailedException("interrupted while checking the topic", e);
        }
    }

    /**
     * Waits for the sender threads; once sending is to stop, for at most {@code stopTimeout} (a sender can be blocked
     * in send() for the client's max.block.ms while the broker is away). False if it gave up.
     */
    private boolean awaitSenders(List<Thread> threads, Duration stopTimeout) {
        for (Thread t : threads) {
            while (t.isAlive()) {
                joinQuietly(t, 20);
                if (stopOverdue(stopTimeout)) return false;
            }
        }
        return true;
    }

    /**
     * Flushes every producer on a helper thread and waits for it, at most {@code stopTimeout} after sending stopped
     * (or not at all after a second signal). False if it gave up waiting.
     */
    private boolean awaitInFlight(List<Producer<byte[], byte[]>> producers, Duration stopTimeout) {
        // A copy: once the wait is given up, the run closes and clears the list while this thread may still flush.
        List<Producer<byte[], byte[]>> toFlush = List.copyOf(producers);
        Thread flusher = daemon(
                () -> {
                    for (Producer<byte[], byte[]> p : toFlush) {
                        try {
                            p.flush();
                        } catch (RuntimeException e) {
                            // records that fail are counted by their callbacks; a producer closed under us ends the
                            // flush
                        }
                    }
                },
                "loadgen-flush");
        flusher.start();
        while (flusher.isAlive()) {
            joinQuietly(flusher, 2);
            if (stopOverdue(stopTimeout)) return false;
        }
        return true;
    }

    /** Sending was told to stop (for any reason) and the wait is over: a second signal, or the stop timeout passed. */
    private boolean stopOverdue(Duration stopTimeout) {
        return stop.stopped()
                && (stop.abandoned() || nanoClock.getAsLong() - stop.requestedAtNanos() > stopTimeout.toNanos());
    }

    private List<Producer<byte[], byte[]>> createProducers(LoadSpec spec) {
        List<Producer<byte[], byte[]>> producers = new ArrayList<>();
        String clientId = spec.delivery().producerConfig().getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "loadgen");
        try {
            for (int i = 0; i < spec.senders().producers(); i++) {
                Map<String, Object> config = new HashMap<>(spec.delivery().producerConfig());
                config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                config.put(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        spec.senders().producers() == 1 ? clientId : clientId + "-" + i);
                if (spec.delivery().transactional())
                    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(spec, i));
                producers.add(producerFactory.create(config));
            }
            return producers;
        } catch (KafkaException e) {
            closeAll(producers, Duration.ZERO);
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof ConfigException)) cause = cause.getCause();
            if (cause instanceof ConfigException) {
                throw new BadSettingException("invalid producer setting: " + cause.getMessage(), e);
            }
            throw new RunFailedException("cannot create the Kafka producer: " + TopicPreparer.reason(e), e);
        }
    }

    /** Uncompressed / compressed size, from the client's own average over the producers that sent batches. */
    private static Double compressionRatio(List<Producer<byte[], byte[]>> producers) {
        double sum = 0;
        int n = 0;
        for (Producer<byte[], byte[]> p : producers) {
            for (Map.Entry<MetricName, ? extends Metric> e : p.metrics().entrySet()) {
                if (e.getKey().name().equals("compression-rate-avg")
                        && e.getKey().group().equals("producer-metrics")) {
                    Object v = e.getValue().metricValue();
                    if (v instanceof Double d && d > 0 && !d.isNaN()) {
                        sum += d;
                        n++;
                    }
                }
            }
        }
        return n == 0 ? null : n / sum;
    }

    static void closeAll(List<Producer<byte[], byte[]>> producers, Duration timeout) {
        for (Producer<byte[], byte[]> p : producers) {
            try {
                p.close(timeout);
            } catch (RuntimeException e) {
                // closing is best effort; unacknowledged records were already counted as failed by their callbacks
            }
        }
        producers.clear();
    }

    private static RunResult.Status status(StopSignal stop, Shortfall shortfall) {
        if (stop.interrupted()) return RunResult.Status.INTERRUPTED;
        return shortfall.incomplete() ? RunResult.Status.INCOMPLETE : RunResult.Status.COMPLETED;
    }

    private static String describe(StopSignal stop, LoadSpec spec, Shortfall shortfall, boolean gaveUp) {
        String why = switch (stop.reason()) {
            case MESSAGES_SENT -> "all " + spec.workload().records() + " records handed to the producer";
            case DURATION_REACHED -> "duration reached";
            case INTERRUPTED -> "interrupted";
            case FAILED -> "stopped early: " + stop.failure();
        };
        if (stop.interrupted() && stop.reason() != StopSignal.Reason.INTERRUPTED) why += ", then interrupted";
        if (gaveUp && shortfall.unconfirmed() > 0) {
            why += stop.abandoned()
                    ? "; records in flight given up at a second signal"
                    : "; records in flight given up after --stop-timeout "
                            + Durations.format(spec.timing().stopTimeout());
        }
        if (!stop.interrupted() && shortfall.behindSchedule()) why += "; sending fell behind schedule";
        return why;
    }

    /** The process's CPU time so far, start-up included (what a pod must be given), or null where unknown. */
    private static Double cpuSeconds() {
        long nanos = ProcessCpu.nanos();
        return nanos < 0 ? null : nanos / 1e9;
    }

    /** Records each sender handed to the producer, keyed {@code shard/sender} like the sequence header. */
    private static Map<String, Long> handedBySender(LoadSpec spec, List<SenderThread> senders) {
        Map<String, Long> handed = new java.util.TreeMap<>();
        for (int t = 0; t < senders.size(); t++)
            handed.put(
                    spec.placement().shard().index() + "/" + t, senders.get(t).handed());
        return handed;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void joinQuietly(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
