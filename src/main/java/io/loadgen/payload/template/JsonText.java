package io.loadgen.payload.template;

/** JSON string escaping, done when a template is compiled; and whether template text leaves a JSON string open. */
final class JsonText {

    private JsonText() {}

    /** The text as the inside of a JSON string: quote, backslash and control characters escaped (RFC 8259). */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (e != null && sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (sb != null) {
                if (e != null) sb.append(e);
                else sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Follows template text character by character: inside a JSON string or not. A placeholder met inside a string
     * has its output escaped.
     */
    static final class Tracker {
        private boolean inString;
        private boolean afterBackslash;

        void feed(char c) {
            if (!inString) {
                if (c == '"') inString = true;
            } else if (afterBackslash) {
                afterBackslash = false;
            } else if (c == '\\') {
                afterBackslash = true;
            } else if (c == '"') {
                inString = false;
            }
        }

        boolean inString() {
            return inString;
        }

        int state() {
            return (inString ? 1 : 0) | (afterBackslash ? 2 : 0);
        }

        void restore(int state) {
            inString = (state & 1) != 0;
            afterBackslash = (state & 2) != 0;
        }
    }
}
