package io.loadgen.payload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header every record carries so {@code loadgen verify} can find loss, duplicates and reordering: run id,
 * shard, sender (the thread that sent it) and that sender's sequence number, 0, 1, 2 ... in send order.
 * Value layout: run id in UTF-8, a 0 byte, shard (int), sender (int), sequence (long), big-endian.
 *
 * <p>One instance per sender thread. {@link #next} patches the sequence into a reused array: the Kafka client
 * copies header bytes into its batch inside {@code send()}, as it does values.
 */
public final class SequenceHeader {

    public static final String KEY = "loadgen.seq";

    private final byte[] value;
    private final int sequenceOffset;

    public SequenceHeader(String runId, int shard, int sender) {
        byte[] id = runId.getBytes(StandardCharsets.UTF_8);
        this.value = new byte[id.length + 1 + 4 + 4 + 8];
        ByteBuffer.wrap(value).put(id).put((byte) 0).putInt(shard).putInt(sender);
        this.sequenceOffset = id.length + 1 + 8;
    }

    /** The header value for this sequence number; valid until the next call. */
    public byte[] next(long sequence) {
        for (int i = 7; i >= 0; i--) {
            value[sequenceOffset + i] = (byte) sequence;
            sequence >>>= 8;
        }
        return value;
    }

    /** A decoded header. */
    public record Decoded(String runId, int shard, int sender, long sequence) {}

    /** @return the decoded header, or {@code null} if the bytes are not one of ours */
    public static Decoded decode(byte[] bytes) {
        if (bytes == null || bytes.length < 17) return null;
        int zero = bytes.length - 17;
        if (bytes[zero] != 0) return null;
        ByteBuffer b = ByteBuffer.wrap(bytes, zero + 1, 16);
        return new Decoded(
                new String(Arrays.copyOf(bytes, zero), StandardCharsets.UTF_8), b.getInt(), b.getInt(), b.getLong());
    }
}
