package io.loadgen.payload;

/**
 * Makes record values. One instance per sender thread: not thread-safe.
 *
 * <p>Contract: {@link #value(long)} returns an array owned by the generator, valid until the next call. The Kafka
 * client copies a value into its batch buffer inside {@code send()}, so the sender may hand the array straight to
 * the producer and the generator may reuse it, which keeps the payload path free of allocation.
 */
public interface RecordGenerator {

    /** The value of the record at this position of the run. Positions are unique within a run. */
    byte[] value(long position);
}
