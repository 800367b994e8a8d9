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

    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        int count = (int) r.samplers[sampler].nextLong();
        byte[][] words = Vocabulary.WORDS;
        for (int i = 0; i < count; i++) {
            if (i > 0) out.put(' ');
            int w = r.random.nextInt(words.length);
            out.put(sentence && i == 0 ? Vocabulary.CAPITALISED[w] : words[w]);
        }
        if (sentence) out.put('.');
    }
}
