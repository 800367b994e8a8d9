package io.loadgen.engine;

import java.io.OutputStream;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * Checks that snappy and zstd can load ({@link #requireLoadable}), and makes the Kafka client compress lz4 with the
 * JNI codec ({@link #preferNative}). lz4: lz4-java's {@code fastestInstance()}, which the client
 * calls, only loads the native library from the system class loader; under Quarkus's class loader it silently
 * falls back to the pure-Java "safe" codec, which profiling showed as the largest CPU cost of an lz4 run.
 * Loading the native instance once first makes {@code fastestInstance()} return it. Where the native library
 * cannot load (another platform, a native image), the client keeps the Java codec.
 */
final class NativeCodecs {

    private NativeCodecs() {}

    /**
     * snappy and zstd exist only as JNI libraries, unpacked to the temporary directory and loaded from there. Where
     * that fails (most often a /tmp mounted noexec: {@code docker run --read-only --tmpfs /tmp}), every record would
     * fail with the client's bare "KafkaException"; this loads the codec first and says why it cannot.
     *
     * @throws RunFailedException the run's codec cannot load here
     */
    static void requireLoadable(String compressionType) {
        String type = compressionType == null ? "" : compressionType.trim();
        if (!type.equals("zstd") && !type.equals("snappy")) return; // none, gzip and lz4 have codecs in Java
        // Through the client's own codec factory, as the producer will load it: one byte compressed.
        try (OutputStream out = Compression.of(CompressionType.forName(type))
                .build()
                .wrapForOutput(new ByteBufferOutputStream(64), RecordBatch.CURRENT_MAGIC_VALUE)) {
            out.write(0);
        } catch (Throwable failed) { // UnsatisfiedLinkError, ExceptionInInitializerError, SnappyError ...
            Throwable cause = failed;
            while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
            throw new RunFailedException("compression " + type + " cannot be used here: its native library did not"
                    + " load (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "); a /tmp mounted"
                    + " noexec is the usual cause (docker: --tmpfs /tmp:exec, or set java.io.tmpdir elsewhere)");
        }
    }

    static void preferNative() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) {
            // no native lz4 here: the client's Java codec works, just slower
        }
    }
}
