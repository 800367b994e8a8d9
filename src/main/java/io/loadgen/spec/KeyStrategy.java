package io.loadgen.spec;

/** How each record's key is chosen. */
public enum KeyStrategy {
    /** No key: the producer's sticky partitioner spreads batches over partitions. */
    NONE,
    /** The record's ResourceID ({@code resource-<k>}), so one resource stays on one partition. */
    RESOURCE_ID,
    /** 16 random hex characters per record. */
    RANDOM
}
