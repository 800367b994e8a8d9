package io.loadgen.cli;

/** The documented exit codes; a CI job or a Kubernetes Job acts on them. */
public final class ExitCodes {

    /** Every record was acknowledged (or the failures stayed within --max-error-rate), and every SLO gate passed. */
    public static final int OK = 0;
    /**
     * The run failed: records failed or were unconfirmed when it stopped waiting, or a paced run ended more than a
     * second behind its schedule (records due were never sent), or Kafka was unreachable, or the topic was missing.
     */
    public static final int RUN_FAILED = 1;
    /** Bad usage: an invalid option, value or setting. Retrying will not help. */
    public static final int USAGE = 2;
    /** The run completed but missed an SLO gate (--max-error-rate, --min-throughput, --max-p99-latency, ...). */
    public static final int SLO_FAILED = 3;
    /** Stopped by SIGINT or SIGTERM; the partial summary is still printed and written. */
    public static final int INTERRUPTED = 130;

    /** Lines of at most 80 characters: picocli would wrap longer ones without the indent. */
    static final String HELP_TEXT = """
            Exit codes:
              0    every record acknowledged (or failures within --max-error-rate),
                   every SLO gate passed
              1    the run failed: records failed or unconfirmed, sending fell
                   behind the schedule of --rate, Kafka unreachable, topic missing
              2    bad usage: invalid option, value or producer setting
              3    an SLO gate failed: --max-error-rate, --min-throughput,
                   --max-p99-latency, --max-p999-latency, --max-consumer-lag
                   or --max-drain-time
              130  interrupted by SIGINT or SIGTERM (partial summary printed)""";

    /** verify's: it reads, so no gates and no partial summary. */
    static final String VERIFY_HELP_TEXT = """
            Exit codes:
              0    every record of the run read back, none missing
              1    records missing, no record of the run found, the topic not
                   read to its end within --verify-timeout, Kafka unreachable,
                   topic missing
              2    bad usage: invalid option or value
              130  interrupted by SIGINT or SIGTERM""";

    /** report's: it merges results and judges the fleet's gates. */
    static final String REPORT_HELP_TEXT = """
            Exit codes:
              0    every shard's result there, every record acknowledged (or
                   failures within --max-error-rate), every SLO gate passed
              1    a shard's result missing, records failed or unconfirmed,
                   Kafka unreachable, the results topic missing
              2    bad usage: invalid option or value, unreadable result file
              3    the fleet missed an SLO gate: --max-error-rate,
                   --min-throughput, --max-p99-latency or --max-p999-latency""";

    /** templates': it prints, nothing else. */
    static final String TEMPLATES_HELP_TEXT = """
            Exit codes:
              0    printed
              2    bad usage: an unknown name or file, a template that does not
                   compile, or a JSON template whose records do not parse""";

    private ExitCodes() {}
}
