package io.loadgen.payload.template;

/** {@code int DISTRIBUTION [min=] [max=]}: a draw rounded to an integer. */
final class IntValue extends NumberValue {

    /** 2^53: the compiler refuses bounds beyond it, since a named value is remembered as a double. */
    static final double LARGEST = 9_007_199_254_740_992.0;

    private final int sampler;

    IntValue(int sampler) {
        this.sampler = sampler;
    }

    @Override
    double draw(RecordState r) {
        return r.samplers[sampler].nextLong();
    }

    /** Unnamed: straight from the long draw, not through a double. */
    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        out.putLong(r.samplers[sampler].nextLong());
    }

    @Override
    void format(double number, Bytes out) {
        out.putLong((long) number);
    }
}
