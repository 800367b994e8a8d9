package io.loadgen.payload.template;

/** {@code decimal DISTRIBUTION [digits=] [min=] [max=]}: a draw with a fixed number of fraction digits. */
final class DecimalValue extends NumberValue {

    /**
     * Beyond this the scaled value would not fit a long. The compiler refuses bounds beyond it; a normal or log-normal
     * left unbounded could still reach it in its far tail, and is clamped here.
     */
    static final double LARGEST_SCALED = 9.0e18;

    private final int sampler;
    private final int digits;
    private final double unit;

    DecimalValue(int sampler, int digits) {
        this.sampler = sampler;
        this.digits = digits;
        this.unit = Pow10.of(digits);
    }

    @Override
    double draw(RecordState r) {
        return scaled(r.samplers[sampler].nextDouble()) / unit;
    }

    /** Unnamed: straight from the draw, without the round trip through the number a condition compares. */
    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        out.putDecimal(scaled(r.samplers[sampler].nextDouble()), digits);
    }

    @Override
    void format(double number, Bytes out) {
        out.putDecimal(scaled(number), digits);
    }

    /** Rounded half away from zero, as people round (-1.25 to one digit is -1.3), symmetric about 0. */
    private long scaled(double v) {
        double x = Math.max(-LARGEST_SCALED, Math.min(LARGEST_SCALED, v * unit));
        return x >= 0 ? Math.round(x) : -Math.round(-x);
    }
}
