package io.loadgen.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The files a command will write, checked before it does anything else: a run that ends well must not fail at its
 * last step because of a path that was wrong from the start (issue 14, item 4). Each output must be a file that
 * exists and can be written, or one that can be created in a directory that exists; no two outputs of one command may
 * be the same file. A bad path is bad usage: {@link UsageException} (exit 2) naming the option, the path and the
 * operating system's reason.
 *
 * <p>The operating system decides, not a permission guess ({@link Files#isWritable} says yes to root everywhere, and
 * knows nothing of read-only mounts): an existing file is opened for appending (which changes nothing in it), a new
 * one is created and deleted at once, so no empty file stays behind if the command then fails.
 */
final class OutputPaths {

    /** One file a command writes: the option that names it and the path as given. */
    record Output(String option, Path path) {}

    private OutputPaths() {}

    /** An output to check; a null path (option not given) is skipped by {@link #check}. */
    static Output of(String option, Path path) {
        return new Output(option, path);
    }

    /** Checks every given output (null paths are skipped); throws {@link UsageException} at the first bad one. */
    static void check(Output... outputs) {
        List<Output> given = new ArrayList<>(Arrays.stream(outputs)
                .filter(o -> o != null && o.path() != null)
                .toList());
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                if (sameFile(given.get(i).path(), given.get(j).path())) {
                    throw new UsageException(
                            given.get(i).option() + " and " + given.get(j).option() + " name the same file "
                                    + given.get(j).path() + "; give each its own");
                }
            }
        }
        given.forEach(OutputPaths::checkOne);
    }

    /** Whether two paths name one file: the same absolute path once normalized, or (when both exist) the same file. */
    static boolean sameFile(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        if (x.equals(y)) return true;
        try {
            return Files.exists(x) && Files.exists(y) && Files.isSameFile(x, y);
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkOne(Output output) {
        Path path = output.path().toAbsolutePath().normalize();
        String prefix = output.option() + " " + output.path() + ": ";
        if (Files.isDirectory(path)) throw new UsageException(prefix + "is a directory; give a file name");
        if (Files.exists(path)) {
            try (FileChannel ignored = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                return;
            } catch (IOException e) {
                throw new UsageException(prefix + reason(e));
            }
        }
        Path parent = path.getParent();
        if (parent == null || !Files.exists(parent)) {
            throw new UsageException(prefix + "no such directory " + Objects.requireNonNullElse(parent, path));
        }
        if (!Files.isDirectory(parent)) throw new UsageException(prefix + parent + " is not a directory");
        try {
            Files.createFile(path);
        } catch (IOException e) {
            throw new UsageException(prefix + reason(e));
        }
        try {
            Files.delete(path);
        } catch (IOException e) {
            // created but not deletable: it will be written over by the command; nothing else to do
        }
    }

    /** The operating system's reason, without Java's repetition of the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "Permission denied";
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof NotDirectoryException) return "Not a directory";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return String.valueOf(e.getMessage());
    }
}
