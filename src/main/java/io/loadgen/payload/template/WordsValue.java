package io.loadgen.payload.template;

/**
 * {@code words DISTRIBUTION} (words separated by spaces) and {@code sentence DISTRIBUTION} (the first capitalised,
 * ending with a period), each word drawn from {@link Vocabulary}. The words are plain ASCII letters, so a JSON string
 * takes them as they are.
 */
final class WordsValue extends Value {

    /** Bounds the count whatever the distribution says, so one record cannot take the heap. */
    static final int MOST_WORDS = 10_000;

    private final int sampler;
    private final boolean sentence;

    WordsValue(int sampler, boolean sentence) {
        this.sampler = sampler;
        this.sentence = sentence;
    }

    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;

    /**
     * Three words per random long: each index is 21 random bits scaled to the vocabulary, {@code (bits * n) >>> 21},
     * which favours some words over others by at most n / 2^21 of their share, far below what anyone could notice in
     * a log, for a third of the draws.
     */
    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        int count = (int) r.samplers[sampler].nextLong();
        long n = Vocabulary.WORDS.length;
        long bits = 0;
        int left = 0;
        for (int i = 0; i < count; i++) {
            if (left == 0) {
                bits = r.random.nextLong();
                left = 3;
            }
            int w = (int) (((bits & MASK) * n) >>> BITS);
            bits >>>= BITS;
            left--;
            (i > 0 ? Vocabulary.PACKED_SPACED : sentence ? Vocabulary.PACKED_CAPITALISED : Vocabulary.PACKED_WORDS)
                    .put(w, out);
        }
        if (sentence) out.put('.');
    }
}
