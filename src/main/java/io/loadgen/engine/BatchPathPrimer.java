package io.loadgen.engine;

import io.loadgen.payload.SequenceHeader;
import io.loadgen.spec.Delivery;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/**
 * Writes one throw-away batch of {@link #RECORDS} records before the producers send, in the run's compression where
 * that is a codec of the JDK or one already loaded.
 *
 * <p>Why: a record's offset and timestamp deltas are varints, which take a second byte once a batch spans more
 * than 63 ms and a third from its 8,193rd record on. Until the JIT has seen those branches taken it compiles the
 * client's append path without them, and the first batch that takes one throws that compiled code away: every
 * method it was inlined into is compiled again, in the middle of the send. Whether the start-up cache's recorded
 * profiles include them depended on the batches of the run that recorded it (bench/README.md, "A primer for the
 * batch path"). So this batch's deltas run through one, two and three bytes, written by the same classes as the
 * producer's batches (for gzip and lz4, through the same streams too). It only adds to the profiles: a branch it
 * takes that the run will not (a null key in a keyed run) is compiled in rather than trapped, which costs nothing
 * when it is never taken.
 */
final class BatchPathPrimer {

    /** Past the three-byte varints of offset deltas (8,192) by enough for the JIT's profile to count them. */
    static final int RECORDS = 20_000;

    /** A batch's first timestamp; each record is a millisecond after the one before. */
    private static final long FIRST_TIMESTAMP = 1_767_225_600_000L;

    private static final byte[] VALUE =
            ("{\"ts\":\"2026-01-01T00:00:00.000Z\",\"level\":\"INFO\",\"service\":\"warmup\","
                            + "\"msg\":\"a record the size of a log line, never sent\"}")
                    .getBytes(StandardCharsets.US_ASCII);

    private BatchPathPrimer() {}

    /**
     * Builds and drops the batch, or stops early when interrupted. Never fails: where a setting is one the producer
     * will reject, the producer's own error says so. Nothing to do in a native image, which has no JIT.
     */
    static void run(Delivery delivery) {
        if (System.getProperty("org.graalvm.nativeimage.imagecode") != null) return;
        try {
            batch(delivery);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable unusable) {
            // a codec or level the client will reject: its own error names the setting
        }
    }

    /** The batch, built and closed: what {@link #run} throws away (fewer records if the thread was interrupted). */
    static MemoryRecords batch(Delivery delivery) {
        Header[] headers = delivery.sequenceHeader()
                ? new Header[] {new RecordHeader(SequenceHeader.KEY, new byte[8])}
                : new Header[0];
        Compression compression = compression(delivery);
        // Uncompressed, the batch is as large as its records; sized once rather than grown a tenth at a time.
        int capacity = compression.type() == CompressionType.NONE ? RECORDS * (VALUE.length + 64) : 256 * 1024;
        MemoryRecordsBuilder batch = MemoryRecords.builder(
                ByteBuffer.allocate(capacity),
                RecordBatch.CURRENT_MAGIC_VALUE,
                compression,
                TimestampType.CREATE_TIME,
                0L);
        for (int i = 0; i < RECORDS; i++) {
            if ((i & 1023) == 0 && Thread.currentThread().isInterrupted()) break;
            batch.append(FIRST_TIMESTAMP + i, null, VALUE, headers);
        }
        return batch.build();
    }

    /**
     * For gzip and lz4, the codec and level the producer will build from the same settings. snappy and zstd are
     * written uncompressed: their native libraries load in class initializers, which {@link NativeCodecs} runs first,
     * on the thread that can report a failure in one line.
     * The varint branches are the same whatever the codec.
     */
    static Compression compression(Delivery delivery) {
        CompressionType type = CompressionType.forName(
                delivery.producerSetting("compression.type").trim());
        return switch (type) {
            case GZIP -> Compression.gzip().level(level(delivery, type)).build();
            case LZ4 -> Compression.lz4().level(level(delivery, type)).build();
            case NONE, SNAPPY, ZSTD -> Compression.NONE;
        };
    }

    /** The codec's level as the client reads it: {@code compression.<codec>.level}, else the codec's default. */
    private static int level(Delivery delivery, CompressionType type) {
        String level = delivery.producerConfig().get("compression." + type.name + ".level");
        return level == null ? type.defaultLevel() : Integer.parseInt(level.trim());
    }
}
