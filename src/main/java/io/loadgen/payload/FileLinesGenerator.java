package io.loadgen.payload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The non-empty lines of a file, one record each, in order, wrapping around: record {@code i} is line {@code i mod n}. */
public final class FileLinesGenerator implements RecordGenerator {

    private final byte[][] lines;

    public FileLinesGenerator(byte[][] lines) {
        if (lines.length == 0) throw new IllegalArgumentException("no lines");
        this.lines = lines;
    }

    /** Reads the file once; the lines are shared, read-only, by every thread's generator. */
    public static byte[][] readLines(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                int end = i;
                if (end > start && all[end - 1] == '\r') end--;
                if (end > start) out.add(Arrays.copyOfRange(all, start, end));
                start = i + 1;
            }
        }
        return out.toArray(new byte[0][]);
    }

    @Override
    public byte[] value(long position) {
        return lines[(int) (position % lines.length)];
    }
}
