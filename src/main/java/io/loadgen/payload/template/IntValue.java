package io.loadgen.payload.template;

/** {@code int DISTRIBUTION [min=] [max=]}: a draw rounded to an integer. */
final class IntValue extends NumberValue {

    private final int sampler;

    IntValue(int sampler) {
        this.sampler = sampler;
    }

    @Override
    double draw(RecordState r) {
        return r.samplers[sampler].nextLong();
    }

    @Override
    void format(double number, Bytes out) {
        out.putLong((long) number);
    }
}
