package io.loadgen.report;

import io.loadgen.stats.RunResult;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The per-shard table under a fleet summary: one line per shard, so a slow or failing pod stands out. */
public final class FleetTable {

    /** One row: a shard's label, its Message number range and its result. */
    public record Row(String shard, long firstPosition, long positions, RunResult result) {}

    private FleetTable() {}

    public static String text(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%-7s %-13s %15s %10s %14s %10s %12s%n",
                "shard", "status", "sent", "failed", "records/s", "p99 ms", "first msg"));
        for (Row row : rows) {
            RunResult r = row.result();
            Histogram h = r.latencies().paced()
                    ? r.latencies().intended()
                    : r.latencies().sendToAck();
            sb.append(String.format(
                    "%-7s %-13s %15s %10s %14s %10s %12s%n",
                    row.shard(),
                    r.status(),
                    Numbers.count(r.total().sent()),
                    Numbers.count(r.total().failed()),
                    Numbers.rate(r.recordsPerSecond()),
                    h.getTotalCount() == 0 ? "n/a" : Numbers.ms(h.getValueAtPercentile(99)),
                    Numbers.count(row.firstPosition())));
        }
        return sb.toString();
    }
}
