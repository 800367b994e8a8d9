package io.loadgen.payload.template;

/** The value of a named placeholder in the record being made: a choice's index, a number, or the text written. */
final class Slot {

    final Bytes text = new Bytes(64);
    int index;
    double number;
}
