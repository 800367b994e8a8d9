package io.loadgen.testing;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Neither a stack trace nor an uncaught-exception report, in any of the given outputs. */
    public static void assertNoStackTrace(String... outputs) {
        for (String output : outputs) {
            assertThat(output)
                    .as("stack trace in:\n%s", output)
                    .doesNotContain("Exception in thread")
                    .doesNotContain("\tat ")
                    .doesNotContainPattern("(?m)^Caused by: ");
        }
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
