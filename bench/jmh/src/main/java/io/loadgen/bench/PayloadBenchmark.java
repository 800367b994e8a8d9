package io.loadgen.bench;

import io.loadgen.payload.FileLinesGenerator;
import io.loadgen.payload.FixedSizeGenerator;
import io.loadgen.payload.KeyGenerator;
import io.loadgen.payload.SeedLogGenerator;
import io.loadgen.payload.WallClock;
import io.loadgen.payload.template.Template;
import io.loadgen.payload.template.TemplateGenerator;
import io.loadgen.spec.Distribution;
import io.loadgen.spec.KeyStrategy;
import io.loadgen.spec.PayloadSpec;
import io.loadgen.spec.PayloadType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Cost of making one record in our own code: the value (each generator) and the key (each strategy), per call.
 * One op = one record. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per record
 * (the target of issue 3 is under 100 ns and about 0 B per seed record).
 *
 * <p>Positions run 0 .. 1,999,999 and wrap, like a 2-million-record run, so record numbers have the digit counts
 * of a real run. The generators are built as the engine builds them (one per sender thread, the app's defaults).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PayloadBenchmark {

    private static final long RUN_RECORDS = 2_000_000;
    private static final int RECORD_SIZE = 124;   // the app's default --record-size, about a seed record
    private static final int FILE_LINES = 100_000; // what bench/compare.sh gives perf-test

    private SeedLogGenerator seed;
    private SeedLogGenerator seedFixedClock;
    private LongSupplier wallClock;
    private FixedSizeGenerator fixed;
    private FileLinesGenerator fileLines;
    private KeyGenerator resourceKeys;
    private KeyGenerator randomKeys;
    private long position;

    @Setup
    public void setUp() {
        wallClock = WallClock.epochNanos();
        seed = new SeedLogGenerator(spec(PayloadType.SEED, KeyStrategy.NONE), wallClock);
        long fixedNanos = 1_795_608_001_123_456_789L; // 2026-11-25T12:00:01.123456789Z
        seedFixedClock = new SeedLogGenerator(spec(PayloadType.SEED, KeyStrategy.NONE), () -> fixedNanos);
        fixed = new FixedSizeGenerator(spec(PayloadType.FIXED, KeyStrategy.NONE));
        fileLines = new FileLinesGenerator(seedLines(FILE_LINES));
        resourceKeys = new KeyGenerator(spec(PayloadType.SEED, KeyStrategy.RESOURCE_ID));
        randomKeys = new KeyGenerator(spec(PayloadType.SEED, KeyStrategy.RANDOM));
    }

    /** The app's defaults: levels 1,1,1,1, 10 resources, seed 42. */
    private static PayloadSpec spec(PayloadType type, KeyStrategy keys) {
        return new PayloadSpec(type, Distribution.constant(RECORD_SIZE), null, null, new int[]{1, 1, 1, 1}, 10, keys, null, 42);
    }

    private static byte[][] seedLines(int n) {
        String[] levels = PayloadSpec.LEVELS;
        byte[][] lines = new byte[n][];
        for (int i = 0; i < n; i++) {
            lines[i] = String.format("{\"Timestamp\":\"2026-11-25T12:00:00.%09dZ\",\"Level\":\"%s\",\"Message\":\"Test log message %d\",\"ResourceID\":\"resource-%d\"}",
                    i * 1000L, levels[i % levels.length], i, i % 10).getBytes(StandardCharsets.US_ASCII);
        }
        return lines;
    }

    private long next() {
        long p = position;
        position = p + 1 == RUN_RECORDS ? 0 : p + 1;
        return p;
    }

    /** A seed record as the app makes it: live wall-clock timestamp. */
    @Benchmark
    public byte[] seedValue() {
        return seed.value(next());
    }

    /** A seed record with a constant clock: the formatting alone, without the clock read. */
    @Benchmark
    public byte[] seedValueFixedClock() {
        return seedFixedClock.value(next());
    }

    /** The clock read alone (WallClock.epochNanos(): System.nanoTime() plus an offset). */
    @Benchmark
    public long wallClock() {
        return wallClock.getAsLong();
    }

    @Benchmark
    public byte[] fixedSizeValue() {
        return fixed.value(next());
    }

    @Benchmark
    public byte[] fileLinesValue() {
        return fileLines.value(next());
    }

    /**
     * Each shipped record template (issue 18; target under 250 ns and about 0 B per record), with the live wall
     * clock as the app runs it, one generator per thread as the engine builds them.
     */
    @State(Scope.Thread)
    public static class Templates {
        @Param({"seed", "nginx", "app-json", "syslog", "k8s"})
        public String template;

        TemplateGenerator generator;
        long position;

        @Setup
        public void setUp() {
            generator = new TemplateGenerator(Template.shipped(template).orElseThrow(), 42, 0, WallClock.epochNanos());
        }

        long next() {
            long p = position;
            position = p + 1 == RUN_RECORDS ? 0 : p + 1;
            return p;
        }
    }

    @Benchmark
    public byte[] templateValue(Templates t) {
        return t.generator.value(t.next());
    }

    @Benchmark
    public byte[] resourceIdKey() {
        return resourceKeys.key(next());
    }

    @Benchmark
    public byte[] randomKey() {
        return randomKeys.key(next());
    }
}
