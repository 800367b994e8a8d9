package io.loadgen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of the human summary a run prints at the end, read back from its output, plus the check every
 * command-level test makes on output: errors are single lines, never stack traces.
 */
public record Summary(String status, String stopReason, long sent, long warmup, long failed) {

    private static final Pattern HEADER = Pattern.compile("=== loadgen summary: run \\S+, (\\w+) \\((.*)\\) ===");
    private static final Pattern RECORDS =
            Pattern.compile("records sent\\s+([\\d,]+) acknowledged(?: \\(([\\d,]+) in warm-up\\))?, ([\\d,]+) failed");

    /** @throws AssertionError if the output has no summary */
    public static Summary parse(String output) {
        Matcher header = HEADER.matcher(output);
        Matcher records = RECORDS.matcher(output);
        if (!header.find() || !records.find()) throw new AssertionError("no summary in the output:\n" + output);
        return new Summary(
                header.group(1),
                header.group(2),
                number(records.group(1)),
                records.group(2) == null ? 0 : number(records.group(2)),
                number(records.group(3)));
    }

    /**
     * Neither a stack trace nor an uncaught-exception report, in any of the given outputs, apart from one report that
     * only the in-JVM test launcher produces (see {@link #withoutTestClassLoaderNoise}).
     */
    public static void assertNoStackTrace(String... outputs) {
        for (String raw : outputs) {
            String output = withoutTestClassLoaderNoise(raw);
            assertThat(output)
                    .as("stack trace in:\n%s", output)
                    .doesNotContain("Exception in thread")
                    .doesNotContain("\tat ")
                    .doesNotContainPattern("(?m)^Caused by: ");
        }
    }

    /**
     * Drops the uncaught-exception reports of Quarkus's test-mode class loader being interrupted while it opens a jar
     * of the local Maven repository, or reads a class out of one: {@code @QuarkusMainTest} runs the app in this JVM
     * with a class loader that reads jars through interruptible channels, and a pool thread that Quarkus interrupts at
     * shutdown may be loading a class at that moment (quarkusio/quarkus#22809). A packaged app loads classes with the
     * JDK's own class loader and never reports this; every other report, and this one with any other cause, is kept.
     */
    static String withoutTestClassLoaderNoise(String output) {
        List<String> kept = new ArrayList<>();
        String[] lines = output.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            int end = i + 1;
            if (lines[i].startsWith("Exception in thread ")) {
                while (end < lines.length && partOfStackTrace(lines[end])) end++;
                String report = String.join("\n", Arrays.asList(lines).subList(i, end));
                if (isTestClassLoaderInterrupt(report)) {
                    i = end;
                    continue;
                }
            }
            kept.addAll(Arrays.asList(lines).subList(i, end));
            i = end;
        }
        return String.join("\n", kept);
    }

    private static boolean partOfStackTrace(String line) {
        return line.startsWith("\tat ") || line.startsWith("\t... ") || line.startsWith("Caused by: ");
    }

    private static boolean isTestClassLoaderInterrupt(String report) {
        String[] causes = report.split("\nCaused by: ");
        String rootCause = causes[causes.length - 1];
        // opening the jar names its path; reading a class from it names the test class loader instead
        return (report.contains("/.m2/repository/")
                        || report.contains("at io.quarkus.bootstrap.classloading.QuarkusClassLoader.loadClass("))
                && report.contains("at io.quarkus.paths.ArchivePathTree.")
                && rootCause.startsWith("java.nio.channels.ClosedByInterruptException");
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
