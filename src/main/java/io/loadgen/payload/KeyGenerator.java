package io.loadgen.payload;

import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.PayloadSpec;
import java.nio.charset.StandardCharsets;

/** Record keys by strategy. One per sender thread; a returned array is valid until the next call. */
public final class KeyGenerator {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESOURCE = "resource-".getBytes(StandardCharsets.US_ASCII);

    private final KeyStrategy strategy;
    private final int cardinality;
    private final long seed;
    private final byte[][] resourceKeys;
    private final byte[] random = new byte[16];

    public KeyGenerator(PayloadSpec spec) {
        this.strategy = spec.keys();
        this.cardinality = spec.resourceCardinality();
        this.seed = ~spec.seed();
        // Resource keys repeat, so make each once (lazily: a cardinality of a million costs nothing until used).
        this.resourceKeys = strategy == KeyStrategy.RESOURCE_ID ? new byte[cardinality][] : null;
    }

    /** The key for this position, or {@code null} for {@link KeyStrategy#NONE}. */
    public byte[] key(long position) {
        return switch (strategy) {
            case NONE -> null;
            case RESOURCE_ID -> resourceKey((int) ResourceIds.of(position, cardinality));
            case RANDOM -> randomKey(position);
        };
    }

    private byte[] resourceKey(int k) {
        byte[] key = resourceKeys[k];
        if (key == null) {
            key = new byte[RESOURCE.length + Digits.count(k)];
            System.arraycopy(RESOURCE, 0, key, 0, RESOURCE.length);
            Digits.writeEndingAt(key, key.length, k);
            resourceKeys[k] = key;
        }
        return key;
    }

    private byte[] randomKey(long position) {
        long bits = Mixer.mix(seed, position);
        for (int i = 15; i >= 0; i--) {
            random[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return random;
    }
}
