package io.loadgen.payload.template;

import java.util.List;

/**
 * What a placeholder makes ({@code time}, {@code choice ...}, {@code int ...}): immutable, shared by every generator of
 * a template; the per-thread parts (random numbers, samplers, clock caches) are in {@link RecordState}.
 */
abstract class Value {

    /** How a condition compares a named value. */
    enum Kind {
        /** One of a fixed list of texts, remembered by index: conditions are decided per index when compiled. */
        FIXED,
        /** A number, remembered as such: compared as a number. */
        NUMBER,
        /** Any other text, remembered as written: compared as text. */
        TEXT
    }

    /** Draws a value and writes it; {@code inString}: the output sits inside a JSON string and must be escaped. */
    abstract void write(RecordState r, Bytes out, boolean inString);

    /** Draws a value into the slot without writing it. */
    void remember(RecordState r, Slot slot) {
        slot.text.clear();
        write(r, slot.text, false);
    }

    /** Writes the value that {@link #remember} kept. */
    void writeRemembered(Slot slot, Bytes out, boolean inString) {
        out.put(slot.text);
    }

    Kind kind() {
        return Kind.TEXT;
    }

    /** The texts of a {@link Kind#FIXED} value, by index. */
    List<String> texts() {
        throw new UnsupportedOperationException();
    }

    /**
     * True when the output may contain characters that JSON escapes. Only fixed texts can (they are escaped once, when
     * compiled); everything made per record (numbers, ids, times, words) is plain ASCII.
     */
    boolean mayNeedEscaping() {
        return false;
    }
}
