package io.loadgen.payload.template;

import io.loadgen.payload.RecordGenerator;
import io.loadgen.payload.RecordRandom;
import java.util.function.LongSupplier;

/**
 * Makes records from a {@link Template}: one per sender thread (not thread-safe). Each record is written into a
 * reused buffer and returned as an array of exactly its length, reused by length within a memory budget
 * ({@link ExactArrays}). A record's random draws come from the seed and its position alone, so the same run makes the
 * same records whichever thread makes them; its time placeholders share one clock reading.
 */
public final class TemplateGenerator implements RecordGenerator {

    private final Template template;
    private final long seed;
    private final LongSupplier epochNanos;
    private final RecordState state;
    private final ExactArrays arrays = new ExactArrays();

    /**
     * @param seed       the run's seed
     * @param shard      this shard's index, written by {@code {{shard}}}
     * @param epochNanos wall clock in nanoseconds since the epoch (passed in so tests can fix it)
     */
    public TemplateGenerator(Template template, long seed, int shard, LongSupplier epochNanos) {
        this.template = template;
        this.seed = seed;
        this.epochNanos = epochNanos;
        RecordRandom random = new RecordRandom(seed);
        this.state = new RecordState(random, template.newSamplers(random), template.slotCount, shard);
    }

    @Override
    public byte[] value(long position) {
        RecordState r = state;
        r.random.reset(seed, position);
        r.position = position;
        if (template.readsClock) r.epochNanos = epochNanos.getAsLong();
        r.out.clear();
        Step.runAll(template.steps, r);
        return arrays.copyOf(r.out.array, r.out.length);
    }
}
