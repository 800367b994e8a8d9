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
 * Writes one throw-away batch of 20,000 records, in the run's compression, before the producers send.
 *
 * <p>Why: a record's offset and timestamp deltas are varints, which take a second byte once a batch spans more
 * than 63 ms and a third from its 8,193rd record on. Until the JIT has seen those branches taken it compiles the
 * client's append path without them, and the first batch that takes one throws that compiled code away: every
 * method it was inlined into is recompiled, a few tenths of a CPU second in the middle of the send. Whether the
 * start-up cache's recorded profiles include them depended on the batches of the run that recorded it
 * (bench/README.md, "The start-up cache and its luck"). So this batch's deltas run through one, two and three
 * bytes, written by the same classes and stream types as the producer's batches: the profiles it leaves are ones
 * the producer's own batches could have made.
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

    /** Builds and drops the batch; where the compression cannot be built here, the producer will say so itself. */
    static void run(Delivery delivery) {
        try {
            batch(delivery);
        } catch (RuntimeException | LinkageError unusable) {
            // a compression level or codec the client will reject or cannot load: its own error says which
        }
    }

    /** The batch, built and closed: what {@link #run} throws away. */
    static MemoryRecords batch(Delivery delivery) {
        Header[] headers = delivery.sequenceHeader()
                ? new Header[] {new RecordHeader(SequenceHeader.KEY, new byte[8])}
                : new Header[0];
        MemoryRecordsBuilder batch = MemoryRecords.builder(
                ByteBuffer.allocate(256 * 1024),
                RecordBatch.CURRENT_MAGIC_VALUE,
                compression(delivery),
                TimestampType.CREATE_TIME,
                0L);
        for (int i = 0; i < RECORDS; i++) batch.append(FIRST_TIMESTAMP + i, null, VALUE, headers);
        return batch.build();
    }

    /** The codec and level the producer will use, from the same settings its own configuration reads. */
    static Compression compression(Delivery delivery) {
        CompressionType type = CompressionType.forName(
                delivery.producerSetting("compression.type").trim());
        String level = delivery.producerConfig().get("compression." + type.name + ".level");
        if (level == null) return Compression.of(type).build();
        int l = Integer.parseInt(level.trim());
        return switch (type) {
            case GZIP -> Compression.gzip().level(l).build();
            case LZ4 -> Compression.lz4().level(l).build();
            case ZSTD -> Compression.zstd().level(l).build();
            default -> Compression.of(type).build();
        };
    }
}
