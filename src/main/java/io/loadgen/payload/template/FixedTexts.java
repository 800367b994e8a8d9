package io.loadgen.payload.template;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A value drawn from a fixed list of texts (choices, a quoted text, the stack-trace pool): each text is encoded and
 * JSON-escaped once, when compiled, so a record costs one copy.
 */
abstract class FixedTexts extends Value {

    private final List<String> texts;
    private final byte[][] raw;
    private final byte[][] escaped;

    FixedTexts(List<String> texts) {
        this.texts = List.copyOf(texts);
        this.raw = new byte[texts.size()][];
        this.escaped = new byte[texts.size()][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
            escaped[i] = JsonText.escape(texts.get(i)).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The index of this record's text. */
    abstract int pick(RecordState r);

    @Override
    final void write(RecordState r, Bytes out, boolean inString) {
        out.put((inString ? escaped : raw)[pick(r)]);
    }

    @Override
    final void remember(RecordState r, Slot slot) {
        slot.index = pick(r);
    }

    @Override
    final void writeRemembered(Slot slot, Bytes out, boolean inString) {
        out.put((inString ? escaped : raw)[slot.index]);
    }

    @Override
    final Kind kind() {
        return Kind.FIXED;
    }

    @Override
    final List<String> texts() {
        return texts;
    }

    @Override
    final boolean mayNeedEscaping() {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].length != escaped[i].length) return true;
        }
        return false;
    }

    int size() {
        return raw.length;
    }
}
