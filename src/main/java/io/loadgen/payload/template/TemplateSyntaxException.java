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
        super(source + ":" + line + ":" + column + ": found '" + found + "', expected " + expected);
        this.line = line;
        this.column = column;
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
