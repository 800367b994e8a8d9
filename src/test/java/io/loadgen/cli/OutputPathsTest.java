package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The output check on its own (issue 14, item 4): every refusal names the option, the path and the reason; nothing is left behind. */
@Timeout(10)
class OutputPathsTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileInAnExistingDirectoryPassesAndIsNotLeftBehind() {
        Path file = dir.resolve("summary.json");

        assertThatCode(() -> OutputPaths.check(OutputPaths.of("--summary-json", file)))
                .doesNotThrowAnyException();

        assertThat(file).doesNotExist();
    }

    @Test
    void anExistingFileIsAcceptedAndLeftAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("old.json"), "{\"keep\":1}");

        OutputPaths.check(OutputPaths.of("--summary-json", file));

        assertThat(file).hasContent("{\"keep\":1}");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path file = dir.resolve("nope/x.json");

        assertThatThrownBy(() -> OutputPaths.check(OutputPaths.of("--summary-json", file)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--summary-json " + file + ": no such directory " + dir.resolve("nope"));
        assertThat(dir.resolve("nope")).doesNotExist();
    }

    @Test
    void aDirectoryIsRefused() {
        assertThatThrownBy(() -> OutputPaths.check(OutputPaths.of("--result-file", dir)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--result-file " + dir + ": is a directory; give a file name");
    }

    @Test
    void aParentThatIsAFileIsRefused() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain"), "x");
        Path file = notADir.resolve("x.json");

        assertThatThrownBy(() -> OutputPaths.check(OutputPaths.of("--tune-json", file)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--tune-json " + file + ": " + notADir + " is not a directory");
    }

    /** The operating system's reason; as root a mode of r-x does not stop a write, /sys does (where it is read-only). */
    @Test
    void anUnwritableDirectoryGivesTheOperatingSystemsReason() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(locked.toFile().setWritable(false, false));
        Path target = locked.resolve("x.json");
        if (canCreate(target)) target = Path.of("/sys/loadgen-output-check.json");
        assumeTrue(!canCreate(target), "no unwritable directory on this machine");
        Path file = target;

        assertThatThrownBy(() -> OutputPaths.check(OutputPaths.of("--summary-json", file)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--summary-json " + file + ": Permission denied");
        assertThat(file).doesNotExist();
    }

    @Test
    void twoOutputsOnOneFileAreRefusedEvenWrittenDifferently() {
        Path a = dir.resolve("same.json");
        Path b = dir.resolve("sub/../same.json");

        assertThatThrownBy(() ->
                        OutputPaths.check(OutputPaths.of("--summary-json", a), OutputPaths.of("--result-file", b)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--summary-json and --result-file name the same file " + b + "; give each its own");
    }

    @Test
    void optionsNotGivenAreSkipped() {
        assertThatCode(() -> OutputPaths.check(
                        OutputPaths.of("--summary-json", null), OutputPaths.of("--result-file", null)))
                .doesNotThrowAnyException();
    }

    private static boolean canCreate(Path file) {
        try {
            Files.createFile(file);
            Files.delete(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
