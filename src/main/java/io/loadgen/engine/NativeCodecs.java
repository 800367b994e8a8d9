package io.loadgen.engine;

import net.jpountz.lz4.LZ4Factory;

/**
 * Makes the Kafka client compress lz4 with the JNI codec. lz4-java's {@code fastestInstance()}, which the client
 * calls, only loads the native library from the system class loader; under Quarkus's class loader it silently
 * falls back to the pure-Java "safe" codec, which profiling showed as the largest CPU cost of an lz4 run.
 * Loading the native instance once first makes {@code fastestInstance()} return it. Where the native library
 * cannot load (another platform, a native image), the client keeps the Java codec.
 */
final class NativeCodecs {

    private NativeCodecs() {}

    static void preferNative() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) {
            // no native lz4 here: the client's Java codec works, just slower
        }
    }
}
