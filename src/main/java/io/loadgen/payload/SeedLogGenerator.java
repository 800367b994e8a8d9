package io.loadgen.payload;

import io.loadgen.spec.PayloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The seed blog's log record, as compact JSON:
 * <pre>{"Timestamp":"2026-11-25T12:00:01.123456789Z","Level":"INFO","Message":"Test log message 42","ResourceID":"resource-2"}</pre>
 * Timestamp is the wall-clock time the record is made (UTC, nanoseconds); Level is drawn by weight from the
 * position and seed; Message carries the position, unique within a run; ResourceID is {@code position mod cardinality}.
 * Every record is built afresh into a reused array: about 120 bytes copied, no allocation.
 */
public final class SeedLogGenerator implements RecordGenerator {

    private static final byte[] TS_OPEN = ascii("{\"Timestamp\":\"");
    private static final byte[] LEVEL_OPEN = ascii("\",\"Level\":\"");
    private static final byte[] MESSAGE_OPEN = ascii("\",\"Message\":\"Test log message ");
    private static final byte[] RESOURCE_OPEN = ascii("\",\"ResourceID\":\"resource-");
    private static final byte[] CLOSE = ascii("\"}");
    private static final byte[][] LEVELS = new byte[PayloadSpec.LEVELS.length][];

    static {
        for (int i = 0; i < LEVELS.length; i++) LEVELS[i] = ascii(PayloadSpec.LEVELS[i]);
    }

    private static final int FIXED_LENGTH = TS_OPEN.length
            + Rfc3339NanoFormatter.LENGTH
            + LEVEL_OPEN.length
            + MESSAGE_OPEN.length
            + RESOURCE_OPEN.length
            + CLOSE.length;

    private final LongSupplier epochNanos;
    private final LevelPicker levels;
    private final int cardinality;
    private final Rfc3339NanoFormatter timestamps = new Rfc3339NanoFormatter();
    private final LengthKeyedBuffers buffers = new LengthKeyedBuffers();

    /**
     * @param epochNanos wall clock in nanoseconds since the epoch (passed in so tests can fix it)
     */
    public SeedLogGenerator(PayloadSpec spec, LongSupplier epochNanos) {
        this.epochNanos = epochNanos;
        this.levels = new LevelPicker(spec.levelWeights(), spec.seed());
        this.cardinality = spec.resourceCardinality();
    }

    @Override
    public byte[] value(long position) {
        byte[] level = LEVELS[levels.pick(position)];
        long resource = ResourceIds.of(position, cardinality);
        int messageDigits = Digits.count(position);
        int resourceDigits = Digits.count(resource);
        byte[] buf = buffers.get(FIXED_LENGTH + level.length + messageDigits + resourceDigits);

        int p = put(buf, 0, TS_OPEN);
        timestamps.write(epochNanos.getAsLong(), buf, p);
        p += Rfc3339NanoFormatter.LENGTH;
        p = put(buf, p, LEVEL_OPEN);
        p = put(buf, p, level);
        p = put(buf, p, MESSAGE_OPEN);
        p += messageDigits;
        Digits.writeEndingAt(buf, p, position);
        p = put(buf, p, RESOURCE_OPEN);
        p += resourceDigits;
        Digits.writeEndingAt(buf, p, resource);
        put(buf, p, CLOSE);
        return buf;
    }

    private static int put(byte[] buf, int at, byte[] part) {
        System.arraycopy(part, 0, buf, at, part.length);
        return at + part.length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
