package io.loadgen.payload;

import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.PayloadSpec;
import java.nio.charset.StandardCharsets;

/** Record keys by strategy. One per sender thread; a returned array is valid until the next call. */
public final class KeyGenerator {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESOURCE = "resource-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "key-".getBytes(StandardCharsets.US_ASCII);

    private final KeyStrategy strategy;
    private final int cardinality;
    private final long seed;
    private final byte[][] resourceKeys;
    private final byte[] random = new byte[16];
    /** Numbered keys by digit count, reused: the client copies a key into its batch inside send(). */
    private final byte[][] numbered = new byte[20][];

    private final RecordRandom draws;
    private final long drawSeed;
    private final Sampler keyIndex;

    public KeyGenerator(PayloadSpec spec) {
        this.strategy = spec.keys();
        this.cardinality = spec.resourceCardinality();
        this.seed = ~spec.seed();
        // Resource keys repeat, so make each once (lazily: a cardinality of a million costs nothing until used).
        this.resourceKeys = strategy == KeyStrategy.RESOURCE_ID ? new byte[cardinality][] : null;
        this.drawSeed = Mixer.stream(spec.seed(), Mixer.KEYS);
        if (spec.keyDraw() != null) {
            this.draws = new RecordRandom(drawSeed);
            this.keyIndex = new Sampler(spec.keyDraw(), draws);
        } else {
            this.draws = null;
            this.keyIndex = null;
        }
    }

    /** The key for this position, or {@code null} for {@link KeyStrategy#NONE}. */
    public byte[] key(long position) {
        return switch (strategy) {
            case NONE -> null;
            case RESOURCE_ID -> resourceKey((int) ResourceIds.of(position, cardinality));
            case RANDOM -> randomKey(position);
            case SEQUENCE -> numbered(null, position);
            case UNIFORM -> numbered(KEY, drawn(position));
            case ZIPF -> numbered(KEY, drawn(position) - 1); // ranks 1..N name key-0..key-(N-1), key-0 the hottest
        };
    }

    private long drawn(long position) {
        draws.reset(drawSeed, position);
        return keyIndex.nextLong();
    }

    private byte[] numbered(byte[] prefix, long k) {
        int digits = Digits.count(k);
        byte[] key = numbered[digits];
        if (key == null) {
            int p = prefix == null ? 0 : prefix.length;
            key = new byte[p + digits];
            if (prefix != null) System.arraycopy(prefix, 0, key, 0, p);
            numbered[digits] = key;
        }
        Digits.writeEndingAt(key, key.length, k);
        return key;
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
