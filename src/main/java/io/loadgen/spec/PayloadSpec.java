package io.loadgen.spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the records look like. Valid once built: the factory methods of {@code SpecAssembler} check ranges.
 *
 * @param type               seed JSON log line, random letters, lines of a file, or a template's records
 * @param recordSize         value sizes for {@link PayloadType#FIXED}: one size or a distribution of sizes
 * @param file               source of {@link PayloadType#FILE}
 * @param template           source of {@link PayloadType#TEMPLATE}
 * @param levelWeights       relative weights of INFO, WARN, ERROR, DEBUG, in that order
 * @param resourceCardinality number of distinct ResourceIDs ({@code resource-0 .. resource-(n-1)})
 * @param keys               key strategy
 * @param keyDraw            which key of {@code key-0 .. key-(n-1)} a record gets, for {@link KeyStrategy#UNIFORM}
 *                           and {@link KeyStrategy#ZIPF}; {@code null} for the others
 * @param seed               seed of the pseudo-random choices, so a run can be reproduced
 */
public record PayloadSpec(
        PayloadType type,
        Distribution recordSize,
        Path file,
        TemplateSource template,
        int[] levelWeights,
        int resourceCardinality,
        KeyStrategy keys,
        Distribution keyDraw,
        long seed) {

    public static final String[] LEVELS = {"INFO", "WARN", "ERROR", "DEBUG"};

    /** The largest value --record-size can ask for: beyond it, a distribution's draws are cut. */
    public static final int MAX_RECORD_BYTES = 100 * 1024 * 1024;

    public PayloadSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recordSize, "recordSize");
        Objects.requireNonNull(keys, "keys");
        levelWeights = levelWeights.clone();
        if (type == PayloadType.TEMPLATE) Objects.requireNonNull(template, "template");
        if ((keys == KeyStrategy.UNIFORM || keys == KeyStrategy.ZIPF) != (keyDraw != null)) {
            throw new IllegalArgumentException("keyDraw goes with uniform and zipf keys only");
        }
    }

    /** The largest value of {@link PayloadType#FIXED}: the top of its size distribution, within the option's bound. */
    public int largestRecordBytes() {
        return (int) Math.min(MAX_RECORD_BYTES, Math.max(1, Math.ceil(recordSize.highest())));
    }

    /** How many distinct keys {@link KeyStrategy#UNIFORM} and {@link KeyStrategy#ZIPF} draw from. */
    public long keyCount() {
        return keyDraw == null ? 0 : (long) keyDraw.highest() + (keys == KeyStrategy.ZIPF ? 0 : 1);
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
                && recordSize.equals(p.recordSize)
                && Objects.equals(file, p.file)
                && Objects.equals(template, p.template)
                && Arrays.equals(levelWeights, p.levelWeights)
                && resourceCardinality == p.resourceCardinality
                && keys == p.keys
                && Objects.equals(keyDraw, p.keyDraw)
                && seed == p.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                type,
                recordSize,
                file,
                template,
                Arrays.hashCode(levelWeights),
                resourceCardinality,
                keys,
                keyDraw,
                seed);
    }

    @Override
    public String toString() {
        return switch (type) {
            case SEED ->
                "seed JSON log records (levels " + weightsText() + ", " + resourceCardinality + " resources, keys "
                        + keysText() + ")";
            case FIXED -> "fixed " + recordSize + " B random letters (keys " + keysText() + ")";
            case FILE -> "lines of " + file + " (keys " + keysText() + ")";
            case TEMPLATE ->
                "template " + template.name() + " (" + (template.json() ? "JSON records, " : "") + "keys " + keysText()
                        + ")";
        };
    }

    /** The keys as --keys takes them. */
    public String keysText() {
        return switch (keys) {
            case UNIFORM -> "uniform:" + keyCount();
            case ZIPF -> keyDraw.toString();
            default -> keys.name().toLowerCase().replace('_', '-');
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
