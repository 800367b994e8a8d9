package io.loadgen.tune;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Samples the producers' own metrics and our sender threads' CPU time during a trial's measured window, from the
 * engine's progress ticks (never from the hot path), and averages them into {@link ProducerEvidence}.
 */
final class ProducerSampler {

    private static final String GROUP = "producer-metrics";
    /** The engine names its sender threads so; their CPU time says whether record generation kept a core busy. */
    private static final String SENDER_THREAD_PREFIX = "loadgen-sender-";

    private final int maxInFlight;
    private final int connectionsPerProducer;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private int samples;
    private double waitSum;
    private double minAvailable = Double.NaN;
    private double inFlightSum;
    private double capacity;
    private double latencySum;
    private int latencyCount;
    private double throttleSum;
    private double queueSum;
    private int queueCount;
    private double ioSum;
    private int ioCount;
    private Map<Long, Long> firstCpu;
    private long firstWallNanos;
    private double senderBusy = Double.NaN;
    private double hostLoadSum;
    private int hostLoadCount;

    /**
     * @param connectionsPerProducer broker connections a producer sends over: the brokers leading the topic's
     *                               partitions, at most the partition count
     */
    ProducerSampler(int maxInFlight, int connectionsPerProducer) {
        this.maxInFlight = maxInFlight;
        this.connectionsPerProducer = Math.max(1, connectionsPerProducer);
    }

    void sample(List<? extends Producer<?, ?>> producers, long nowNanos) {
        if (producers.isEmpty()) return;
        double wait = 0, inFlight = 0, minAvail = Double.NaN;
        for (Producer<?, ?> p : producers) {
            Map<String, Double> m = values(p.metrics());
            wait += m.getOrDefault("bufferpool-wait-ratio", 0.0);
            inFlight += m.getOrDefault("requests-in-flight", 0.0);
            Double available = m.get("buffer-available-bytes");
            Double total = m.get("buffer-total-bytes");
            if (available != null && total != null && total > 0) {
                double share = available / total;
                minAvail = Double.isNaN(minAvail) ? share : Math.min(minAvail, share);
            }
            Double latency = m.get("request-latency-avg");
            if (latency != null && !latency.isNaN()) {
                latencySum += latency;
                latencyCount++;
            }
            throttleSum += nanToZero(m.get("produce-throttle-time-avg")) / producers.size();
            Double queue = m.get("record-queue-time-avg");
            if (queue != null && !queue.isNaN()) {
                queueSum += queue;
                queueCount++;
            }
            Double io = m.get("io-ratio");
            if (io != null && !io.isNaN()) {
                ioSum += io;
                ioCount++;
            }
        }
        samples++;
        waitSum += wait / producers.size();
        inFlightSum += inFlight;
        capacity = (double) maxInFlight * connectionsPerProducer * producers.size();
        if (!Double.isNaN(minAvail))
            minAvailable = Double.isNaN(minAvailable) ? minAvail : Math.min(minAvailable, minAvail);
        senderCpu(nowNanos);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            if (load >= 0) {
                hostLoadSum += load;
                hostLoadCount++;
            }
        }
    }

    ProducerEvidence evidence() {
        if (samples == 0)
            return new ProducerEvidence(
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    0,
                    Double.NaN,
                    0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    maxInFlight,
                    0);
        return new ProducerEvidence(
                waitSum / samples,
                minAvailable,
                inFlightSum / samples,
                capacity,
                latencyCount == 0 ? Double.NaN : latencySum / latencyCount,
                throttleSum / samples,
                queueCount == 0 ? Double.NaN : queueSum / queueCount,
                ioCount == 0 ? Double.NaN : ioSum / ioCount,
                senderBusy,
                hostLoadCount == 0 ? Double.NaN : hostLoadSum / hostLoadCount,
                maxInFlight,
                samples);
    }

    /** Sender threads' CPU time since the first sample over the wall time since then, averaged per thread. */
    private void senderCpu(long nowNanos) {
        if (!threads.isThreadCpuTimeSupported()) return;
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().startsWith(SENDER_THREAD_PREFIX)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) cpu.put(info.getThreadId(), t);
            }
        }
        if (firstCpu == null) {
            firstCpu = cpu;
            firstWallNanos = nowNanos;
            return;
        }
        long wall = nowNanos - firstWallNanos;
        if (wall <= 0 || firstCpu.isEmpty()) return;
        double busy = 0;
        int n = 0;
        for (Map.Entry<Long, Long> e : firstCpu.entrySet()) {
            Long now = cpu.get(e.getKey());
            if (now == null) continue;
            busy += (double) (now - e.getValue()) / wall;
            n++;
        }
        if (n > 0) senderBusy = busy / n;
    }

    private static Map<String, Double> values(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> out = new HashMap<>();
        metrics.forEach((name, metric) -> {
            if (GROUP.equals(name.group()) && metric.metricValue() instanceof Double d) out.put(name.name(), d);
        });
        return out;
    }

    private static double nanToZero(Double d) {
        return d == null || d.isNaN() ? 0 : d;
    }
}
