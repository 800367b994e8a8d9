package io.loadgen.spec;

/** How each record's key is chosen. */
public enum KeyStrategy {
    /** No key: the producer's sticky partitioner spreads batches over partitions. */
    NONE,
    /** The record's ResourceID ({@code resource-<k>}), so one resource stays on one partition. */
    RESOURCE_ID,
    /** 16 random hex characters per record. */
    RANDOM,
    /** The record's sequence number (its position in the run): every key distinct. */
    SEQUENCE,
    /** {@code key-0 .. key-(n-1)}, each equally likely. */
    UNIFORM,
    /** {@code key-0 .. key-(n-1)} by a Zipf distribution: {@code key-0} the hottest, a few keys take most records. */
    ZIPF
}
