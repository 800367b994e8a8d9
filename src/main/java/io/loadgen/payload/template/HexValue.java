package io.loadgen.payload.template;

/** {@code hex N}: N random lower-case hex digits (trace and span ids, hashes). */
final class HexValue extends Value {

    private final int digits;

    HexValue(int digits) {
        this.digits = digits;
    }

    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        int left = digits;
        while (left > 0) {
            int n = Math.min(16, left);
            out.putHex(r.random.nextLong(), n);
            left -= n;
        }
    }
}
