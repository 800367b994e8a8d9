package io.loadgen.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class FileLinesGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void readsNonEmptyLinesWithoutLineEndings() throws IOException {
        Path file = write("first\r\nsecond\n\n\r\nthird {\"json\": true}\r\n\nlast without newline");

        assertThat(texts(FileLinesGenerator.readLines(file)))
                .containsExactly("first", "second", "third {\"json\": true}", "last without newline");
    }

    @Test
    void recordsAreTheLinesInOrderWrappingAround() throws IOException {
        FileLinesGenerator generator = new FileLinesGenerator(FileLinesGenerator.readLines(write("a\nb\nc\n")));

        StringBuilder seen = new StringBuilder();
        for (long position = 0; position < 7; position++) seen.append(text(generator.value(position)));
        assertThat(seen).hasToString("abcabca");
        assertThat(text(generator.value(3_000_000_002L)))
                .as("positions beyond int range")
                .isEqualTo("c");
    }

    @Test
    void aFileWithoutRecordsCannotMakeAGenerator() throws IOException {
        byte[][] none = FileLinesGenerator.readLines(write("\n\r\n"));

        assertThat(none).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new FileLinesGenerator(none));
    }

    @Test
    void everySenderThreadsGeneratorSharesTheLinesReadOnce() throws IOException {
        Function<LongSupplier, RecordGenerator> generators = Generators.forSpec(Payloads.file(write("x\ny\n")), 0);

        RecordGenerator first = generators.apply(() -> 0L);
        RecordGenerator second = generators.apply(() -> 0L);

        assertThat(second).isNotSameAs(first);
        assertThat(text(second.value(1))).isEqualTo("y");
        assertThat(second.value(0)).isSameAs(first.value(0));
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("payload.txt"), content);
    }

    private static List<String> texts(byte[][] lines) {
        return Arrays.stream(lines).map(FileLinesGeneratorTest::text).toList();
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }
}
