package io.loadgen.payload.template;

/** {@code uuid}: a random UUID in the version-4 layout (8-4-4-4-12 lower-case hex). */
final class UuidValue extends Value {

    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        long hi = (r.random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lo = (r.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        out.putUuid(hi, lo);
    }
}
