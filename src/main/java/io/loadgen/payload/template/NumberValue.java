package io.loadgen.payload.template;

/** A value that is a number: remembered as one, so conditions compare it as a number. */
abstract class NumberValue extends Value {

    /** Draws the number as it is written (a decimal rounded to its digits). */
    abstract double draw(RecordState r);

    /** Writes a number that {@link #draw} returned. */
    abstract void format(double number, Bytes out);

    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        format(draw(r), out);
    }

    @Override
    final void remember(RecordState r, Slot slot) {
        slot.number = draw(r);
    }

    @Override
    final void writeRemembered(Slot slot, Bytes out, boolean inString) {
        format(slot.number, out);
    }

    @Override
    final Kind kind() {
        return Kind.NUMBER;
    }
}
