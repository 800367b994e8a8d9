package io.loadgen.payload.template;

/** {@code seq [mod N]}: the record's position in the run, unique across threads and shards. */
final class SeqValue extends NumberValue {

    /** 0: no modulus. */
    private final long modulus;

    SeqValue(long modulus) {
        this.modulus = modulus;
    }

    @Override
    double draw(RecordState r) {
        return modulus == 0 ? r.position : r.position % modulus;
    }

    /** Straight from the position: a double holds integers exactly only up to 2^53. */
    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        out.putLong(modulus == 0 ? r.position : r.position % modulus);
    }

    @Override
    void format(double number, Bytes out) {
        out.putLong((long) number);
    }
}
