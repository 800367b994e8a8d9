package io.loadgen.spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the records look like. Valid once built: the factory methods of {@code SpecAssembler} check ranges.
 *
 * @param type               seed JSON log line, fixed-size random letters, or lines of a file
 * @param recordSizeBytes    value size for {@link PayloadType#FIXED}
 * @param file               source of {@link PayloadType#FILE}
 * @param levelWeights       relative weights of INFO, WARN, ERROR, DEBUG, in that order
 * @param resourceCardinality number of distinct ResourceIDs ({@code resource-0 .. resource-(n-1)})
 * @param keys               key strategy
 * @param seed               seed of the pseudo-random choices, so a run can be reproduced
 */
public record PayloadSpec(
        PayloadType type,
        int recordSizeBytes,
        Path file,
        int[] levelWeights,
        int resourceCardinality,
        KeyStrategy keys,
        long seed) {

    public static final String[] LEVELS = {"INFO", "WARN", "ERROR", "DEBUG"};

    public PayloadSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keys, "keys");
        levelWeights = levelWeights.clone();
    }

    @Override
    public int[] levelWeights() {
        return levelWeights.clone();
    }

    /** Equal when the values are: a record compares an array by identity, and the weights are a value here. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadSpec p
                && type == p.type
                && recordSizeBytes == p.recordSizeBytes
                && Objects.equals(file, p.file)
                && Arrays.equals(levelWeights, p.levelWeights)
                && resourceCardinality == p.resourceCardinality
                && keys == p.keys
                && seed == p.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                type, recordSizeBytes, file, Arrays.hashCode(levelWeights), resourceCardinality, keys, seed);
    }

    @Override
    public String toString() {
        return switch (type) {
            case SEED ->
                "seed JSON log records (levels " + weightsText() + ", " + resourceCardinality + " resources, keys "
                        + keys.name().toLowerCase().replace('_', '-') + ")";
            case FIXED ->
                "fixed " + recordSizeBytes + " B random letters (keys "
                        + keys.name().toLowerCase().replace('_', '-') + ")";
            case FILE ->
                "lines of " + file + " (keys " + keys.name().toLowerCase().replace('_', '-') + ")";
        };
    }

    private String weightsText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LEVELS.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(LEVELS[i]).append('=').append(levelWeights[i]);
        }
        return sb.toString();
    }
}
