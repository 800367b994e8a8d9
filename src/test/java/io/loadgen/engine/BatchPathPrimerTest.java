package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadgen.payload.SequenceHeader;
import io.loadgen.spec.Delivery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;
import org.junit.jupiter.api.Test;

class BatchPathPrimerTest {

    private static Delivery delivery(boolean sequenceHeader, String... settings) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) config.put(settings[i], settings[i + 1]);
        return new Delivery(config, null, sequenceHeader);
    }

    @Test
    void theBatchTakesTheThreeByteVarintsOfOffsetAndTimestampDeltas() {
        MemoryRecords records = BatchPathPrimer.batch(delivery(true, "compression.type", "lz4"));

        List<RecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertThat(batches).hasSize(1);
        RecordBatch batch = batches.get(0);
        assertThat(batch.compressionType()).isEqualTo(CompressionType.LZ4);
        // zigzag varints: a third byte from 8,192 on, for the offset delta and the timestamp delta (in ms) alike
        assertThat(batch.lastOffset() - batch.baseOffset()).isGreaterThanOrEqualTo(8_192);
        long first;
        long last = -1;
        int count = 0;
        try (CloseableIterator<Record> it = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
            Record r = it.next();
            first = r.timestamp();
            assertThat(r.headers()).extracting(Header::key).containsExactly(SequenceHeader.KEY);
            count = 1;
            while (it.hasNext()) {
                last = it.next().timestamp();
                count++;
            }
        }
        assertThat(count).isEqualTo(BatchPathPrimer.RECORDS);
        assertThat(last - first).isGreaterThanOrEqualTo(8_192);
    }

    @Test
    void recordsCarryNoHeaderWhenTheRunSendsNone() {
        RecordBatch batch =
                BatchPathPrimer.batch(delivery(false)).batches().iterator().next();
        assertThat(batch.compressionType()).isEqualTo(CompressionType.NONE);
        assertThat(batch.iterator().next().headers()).isEmpty();
    }

    @Test
    void gzipAndLz4AreTheOnesTheProducerBuildsFromTheSameSettings() {
        assertThat(BatchPathPrimer.compression(delivery(false, "compression.type", "lz4")))
                .isEqualTo(Compression.lz4().build());
        assertThat(BatchPathPrimer.compression(
                        delivery(false, "compression.type", "lz4", "compression.lz4.level", "5")))
                .isEqualTo(Compression.lz4().level(5).build());
        assertThat(BatchPathPrimer.compression(
                        delivery(false, "compression.type", " gzip ", "compression.gzip.level", " 3 ")))
                .isEqualTo(Compression.gzip().level(3).build());
        assertThat(BatchPathPrimer.compression(delivery(false, "compression.type", "gzip")))
                .isEqualTo(Compression.gzip().build());
    }

    @Test
    void nativeCodecsOtherThanLz4AreWrittenUncompressedAndStrayLevelsIgnored() {
        assertThat(BatchPathPrimer.compression(delivery(false)).type()).isEqualTo(CompressionType.NONE);
        for (String codec : List.of("snappy", "zstd"))
            assertThat(BatchPathPrimer.compression(
                                    delivery(false, "compression.type", codec, "compression." + codec + ".level", "x"))
                            .type())
                    .isEqualTo(CompressionType.NONE);
        assertThat(BatchPathPrimer.compression(
                                delivery(false, "compression.type", "none", "compression.none.level", "x"))
                        .type())
                .isEqualTo(CompressionType.NONE);
    }

    @Test
    void settingsTheProducerWillRejectAreLeftForItToReport() {
        List<Delivery> rejected = List.of(
                delivery(false, "compression.type", "brotli"),
                delivery(false, "compression.type", "LZ4"),
                delivery(false, "compression.type", "lz4", "compression.lz4.level", "99"),
                delivery(false, "compression.type", "gzip", "compression.gzip.level", "x"));
        for (Delivery d : rejected) {
            assertThatThrownBy(() -> BatchPathPrimer.compression(d)).isInstanceOf(RuntimeException.class);
            assertThatCode(() -> BatchPathPrimer.run(d)).doesNotThrowAnyException();
        }
    }

    @Test
    void anInterruptedPrimerStopsEarly() {
        Thread.currentThread().interrupt();
        try {
            assertThat(BatchPathPrimer.batch(delivery(false)).batches()).isEmpty();
        } finally {
            Thread.interrupted();
        }
    }
}
