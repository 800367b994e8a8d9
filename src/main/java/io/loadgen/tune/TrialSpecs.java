package io.loadgen.tune;

import io.loadgen.spec.Delivery;
import io.loadgen.spec.GroupWatch;
import io.loadgen.spec.LoadSpec;
import io.loadgen.spec.Placement;
import io.loadgen.spec.RateShape;
import io.loadgen.spec.Senders;
import io.loadgen.spec.Timing;
import io.loadgen.spec.TopicSpec;
import io.loadgen.spec.Warmup;
import io.loadgen.spec.Workload;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Each trial's spec, derived from the starting point's without parsing or assembling again: the start was assembled
 * and checked once, as {@code loadgen run} assembles a spec, and a trial changes only what a trial owns. The result
 * is what {@code run} would assemble from the tune's options with the trial's settings on its command line, which is
 * the "check it" line the tune prints (there the run sends to its own topic, under its own run id, and reports at its
 * own interval).
 *
 * <p>Idempotence stays as the start resolved it (the assembler writes the client's decision into the settings), which
 * is also what assembling a trial would decide: acks and retries are fixed, and max-in-flight goes beyond what
 * idempotence allows only from a start beyond it, which the client accepts only with idempotence turned off by the
 * user. The tune prints it as fixed, and the "check it" line carries it.
 *
 * @param start  the starting point, assembled and checked as {@code run} assembles a spec
 * @param warmup each trial's warm-up, sent but not measured
 * @param window each trial's measured window, after the warm-up
 */
public record TrialSpecs(LoadSpec start, Duration warmup, Duration window) implements EngineTrial.Specs {

    /** Trials report every half second to the engine's listener, which samples the producers' metrics then. */
    public static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);

    /**
     * The trial's shape (a fresh topic that the trial creates, the warm-up then the window, no count limit, the
     * settings' rate or none, one process, no sequence header) with the settings' producers; the rest is the start's.
     *
     * @throws IllegalArgumentException for producer counts a transactional run refuses, as {@code run} refuses them
     */
    @Override
    public LoadSpec spec(TrialSettings settings, String topic, String runId) {
        // A --producer-property of one of these is only where its search starts (tune --help): the trial's value
        // replaces it, as the option does in a run that is not given that property.
        Map<String, String> producerConfig = new HashMap<>(start.delivery().producerConfig());
        producerConfig.put("compression.type", settings.compression());
        producerConfig.put("batch.size", String.valueOf(settings.batchSize()));
        producerConfig.put("linger.ms", String.valueOf(settings.lingerMs()));
        producerConfig.put("max.in.flight.requests.per.connection", String.valueOf(settings.maxInFlight()));
        // Transactions give every sender thread its own producer: 'run' reads one producer as that, and the spec
        // refuses other counts below the thread count.
        int producers = start.delivery().transactional() && settings.producers() == 1
                ? settings.threads()
                : settings.producers();
        TopicSpec layout = start.topic();
        return new LoadSpec(
                runId,
                Placement.SINGLE,
                new TopicSpec(topic, true, layout.partitions(), layout.replicationFactor()),
                new Workload(
                        Workload.UNLIMITED,
                        warmup.plus(window),
                        settings.paced() ? new RateShape.Constant(settings.rate()) : null,
                        warmup.isZero() ? Warmup.NONE : new Warmup(0, warmup)),
                new Senders(settings.threads(), producers),
                start.payload(),
                new Delivery(producerConfig, start.delivery().transactions(), false),
                new Timing(
                        SAMPLE_INTERVAL,
                        start.timing().connectTimeout(),
                        start.timing().stopTimeout()),
                start.gates(),
                GroupWatch.NONE); // a trial's topic is its own: no group downstream reads it
    }
}
