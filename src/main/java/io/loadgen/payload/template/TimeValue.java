package io.loadgen.payload.template;

/** {@code time [FORMAT]}: the record's time, read once per record so all its time placeholders agree. */
final class TimeValue extends Value {

    enum Format {
        RFC3339("rfc3339"),
        RFC3339_MS("rfc3339_ms"),
        RFC3339_US("rfc3339_us"),
        EPOCH_MS("epoch_ms"),
        EPOCH_US("epoch_us"),
        CLF("clf");

        final String text;

        Format(String text) {
            this.text = text;
        }

        static Format of(String text) {
            for (Format f : values()) {
                if (f.text.equals(text)) return f;
            }
            return null;
        }

        static String list() {
            StringBuilder sb = new StringBuilder();
            for (Format f : values()) sb.append(sb.length() == 0 ? "" : ", ").append(f.text);
            return sb.toString();
        }
    }

    private final Format format;

    TimeValue(Format format) {
        this.format = format;
    }

    @Override
    void write(RecordState r, Bytes out, boolean inString) {
        long t = r.epochNanos;
        switch (format) {
            case RFC3339 -> r.time.rfc3339(out, t, 9);
            case RFC3339_MS -> r.time.rfc3339(out, t, 3);
            case RFC3339_US -> r.time.rfc3339(out, t, 6);
            case EPOCH_MS -> out.putLong(Math.floorDiv(t, 1_000_000L));
            case EPOCH_US -> out.putLong(Math.floorDiv(t, 1_000L));
            case CLF -> r.time.clf(out, t);
        }
    }
}
