package io.loadgen.cli;

/** The documented exit codes; a CI job or a Kubernetes Job acts on them. */
public final class ExitCodes {

    /** Every record was acknowledged. */
    public static final int OK = 0;
    /** The run failed: records failed, or Kafka was unreachable, or the topic was missing. */
    public static final int RUN_FAILED = 1;
    /** Bad usage: an invalid option, value or setting. Retrying will not help. */
    public static final int USAGE = 2;
    /** Stopped by SIGINT or SIGTERM; the partial summary is still printed and written. */
    public static final int INTERRUPTED = 130;

    static final String HELP_TEXT = """
            Exit codes:
              0    every record was acknowledged
              1    the run failed: records failed, Kafka unreachable, topic missing
              2    bad usage: invalid option, value or producer setting
              130  interrupted by SIGINT or SIGTERM (partial summary printed)""";

    private ExitCodes() {
    }
}
