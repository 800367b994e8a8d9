package io.loadgen.report;

import io.loadgen.stats.Progress;
import io.loadgen.watch.GroupSample;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/** One line per progress tick: what happened in the last interval, and the totals so far. */
public final class ProgressPrinter {

    private final PrintStream out;
    private final Supplier<List<GroupSample>> groups;

    public ProgressPrinter(PrintStream out) {
        this(out, List::of);
    }

    /** @param groups the watched consumer groups' latest figures, appended to each line */
    public ProgressPrinter(PrintStream out, Supplier<List<GroupSample>> groups) {
        this.out = out;
        this.groups = groups;
    }

    public void print(Progress p) {
        out.println(line(p) + GroupLines.progress(groups.get()));
        out.flush();
    }

    static String line(Progress p) {
        Histogram ack = p.snapshot().intervalSendToAck();
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format(Locale.ROOT, "[%7.1fs] ", p.elapsedNanos() / 1e9))
                .append(Numbers.rate(p.intervalRecordsPerSecond()))
                .append(" records/s");
        if (p.targetRate() > 0)
            sb.append(" (target ").append(Numbers.rate(p.targetRate())).append(')');
        sb.append(", ")
                .append(Numbers.mib(p.intervalMibPerSecond()))
                .append(" MiB/s")
                .append(", total ")
                .append(Numbers.count(p.snapshot().sent()))
                .append(", errors ")
                .append(Numbers.count(p.snapshot().failed()))
                .append(", in flight ")
                .append(Numbers.count(p.snapshot().inFlight()));
        if (p.behindSchedule() > 0) sb.append(", behind schedule ").append(Numbers.count(p.behindSchedule()));
        // Upper case: the one thing on the line that needs attention now.
        if (p.sendingStalledNanos() > 0)
            sb.append(String.format(Locale.ROOT, ", SENDING STALLED %.1f s", p.sendingStalledNanos() / 1e9));
        if (p.acksStalledNanos() > 0)
            sb.append(String.format(Locale.ROOT, ", NO ACKS FOR %.1f s", p.acksStalledNanos() / 1e9));
        if (ack.getTotalCount() > 0) {
            sb.append(", latency ms p50 ")
                    .append(Numbers.ms(ack.getValueAtPercentile(50)))
                    .append(" p99 ")
                    .append(Numbers.ms(ack.getValueAtPercentile(99)));
        }
        Histogram intended = p.snapshot().intervalIntended();
        if (intended.getTotalCount() > 0) {
            sb.append(", from due p99 ").append(Numbers.ms(intended.getValueAtPercentile(99)));
        }
        return sb.toString();
    }
}
