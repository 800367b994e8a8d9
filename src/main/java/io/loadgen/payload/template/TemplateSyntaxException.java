package io.loadgen.payload.template;

/**
 * A template that does not compile. The message is one line, {@code SOURCE:LINE:COLUMN: found '...', expected ...},
 * naming what is accepted at that place, so a user can fix the template from the message alone.
 */
public final class TemplateSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    TemplateSyntaxException(String source, int line, int column, String found, String expected) {
        // The whole message, not only what was found: the expected part can quote a template's choice values.
        super(oneLine(source + ":" + line + ":" + column + ": found '" + found + "', expected " + expected));
        this.line = line;
        this.column = column;
    }

    /** Line breaks and tabs written as escapes, so a message stays one line (the JSON check's too). */
    static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    /** 1-based, in characters. */
    public int column() {
        return column;
    }
}
