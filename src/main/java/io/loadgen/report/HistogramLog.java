package io.loadgen.report;

import io.loadgen.stats.Progress;
import io.loadgen.stats.RunStats;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code --histogram-log}: HdrHistogram's interval log of the run, one histogram per report interval and latency,
 * tagged {@value #SEND_TO_ACK}, and for a paced run also {@value #INTENDED} and {@value #SCHEDULE_DELAY}. The
 * standard format that HistogramLogAnalyzer, {@code HistogramLogProcessor} and {@code HistogramLogReader} read, so
 * a run's latencies can be re-cut into any percentiles and time ranges afterwards.
 *
 * <p>Written as the run goes, on the ticker thread, flushed after every interval: a run stopped hard (a third signal,
 * a killed pod) still leaves every interval it wrote readable. The intervals hold measured records only, like the
 * summary's latencies: with the last interval ({@code RunListener.onEnd}) the {@value #SEND_TO_ACK} counts add up to
 * the summary's measured records.
 *
 * <p>The values are microseconds (as recorded); the log says so with a max-value unit ratio of 1,000, so the tools'
 * interval maxima read in milliseconds. Timestamps are seconds after the run's start, which the header gives as
 * {@code StartTime} and {@code BaseTime}: readers turn them into times of day.
 */
public final class HistogramLog implements AutoCloseable {

    public static final String SEND_TO_ACK = "send-to-ack";
    public static final String INTENDED = "intended";
    public static final String SCHEDULE_DELAY = "schedule-delay";

    /** Recorded values per millisecond: the max column of each line is in ms. */
    static final double MICROS_PER_MILLI = 1_000.0;

    private final Path file;
    private final boolean paced;
    private PrintStream out;
    private HistogramLogWriter writer;
    private String problem;
    private boolean closed;

    /**
     * A log to be written to {@code file} once the run starts ({@link #start}).
     *
     * @param paced whether the run is paced: only then are intended and schedule-delay latencies recorded
     */
    public HistogramLog(Path file, boolean paced) {
        this.file = file;
        this.paced = paced;
    }

    /** The clock started: creates the file and writes the header. A failure is kept for {@link #problem()}. */
    public synchronized void start(long startEpochMillis, String runId) {
        if (out != null || closed) return;
        try {
            out = new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problem = String.valueOf(e.getMessage());
            closed = true;
            return;
        }
        writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        writer.outputComment("loadgen run " + runId + ": latency in microseconds, one interval per --report-interval;"
                + " Interval_Max in milliseconds");
        writer.outputStartTime(startEpochMillis);
        writer.setBaseTime(startEpochMillis);
        writer.outputBaseTime(startEpochMillis);
        writer.outputLegend();
        flush();
    }

    /** One interval, from a progress tick or the run's last interval. */
    public synchronized void interval(Progress p) {
        if (writer == null || closed) return;
        double end = p.elapsedNanos() / 1e9;
        double start = Math.max(0, (p.elapsedNanos() - p.intervalNanos()) / 1e9);
        RunStats.Snapshot s = p.snapshot();
        write(start, end, s.intervalSendToAck(), SEND_TO_ACK);
        if (paced) {
            write(start, end, s.intervalIntended(), INTENDED);
            write(start, end, s.intervalScheduleDelay(), SCHEDULE_DELAY);
        }
        flush();
    }

    private void write(double start, double end, Histogram interval, String tag) {
        // A copy: the snapshot's histograms are shared with the other listeners, and the tag is written from it.
        Histogram tagged = interval.copy();
        tagged.setTag(tag);
        writer.outputIntervalHistogram(start, end, tagged, MICROS_PER_MILLI);
    }

    private void flush() {
        out.flush();
        if (out.checkError() && problem == null) problem = "the file could not be written (disk full?)";
    }

    /** Whether the run started and the file was (to be) written: a retried shard that did not run writes none. */
    public synchronized boolean started() {
        return writer != null || problem != null;
    }

    /** Why the log could not be written (fully), or null. */
    public synchronized String problem() {
        return problem;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (out != null) {
            out.close();
            if (out.checkError() && problem == null) problem = "the file could not be written (disk full?)";
        }
    }
}
