package io.loadgen.payload.template;

import io.loadgen.payload.RecordRandom;
import io.loadgen.payload.Sampler;
import io.loadgen.spec.Distribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Java stack traces as an application logs them: the exception and its message, {@code \tat} frames of the
 * application's classes down to the thread's run, and sometimes a {@code Caused by:} section ending in
 * {@code ... N more}. Made when a template is compiled, as a pool the records pick from.
 */
final class StackTraces {

    /** Distinct traces per {@code stacktrace} placeholder: consecutive error records differ, memory stays small. */
    static final int POOL = 64;

    static final Distribution DEFAULT_DEPTH = Distribution.parse("lognormal:14:0.5");
    static final int MOST_FRAMES = 200;

    private static final String[] EXCEPTIONS = {
        "java.lang.IllegalStateException",
        "java.lang.IllegalArgumentException",
        "java.lang.NullPointerException",
        "java.lang.UnsupportedOperationException",
        "java.io.UncheckedIOException",
        "java.util.concurrent.CompletionException",
        "java.util.NoSuchElementException",
        "com.example.common.ServiceException"
    };
    private static final String[] CAUSES = {
        "java.net.SocketTimeoutException",
        "java.net.ConnectException",
        "java.io.IOException",
        "java.util.concurrent.TimeoutException",
        "java.sql.SQLTransientConnectionException",
        "java.lang.ArithmeticException"
    };
    private static final String[] PACKAGES = {
        "orders", "billing", "inventory", "auth", "http", "db", "cache", "events", "shipping", "search", "users"
    };
    private static final String[] CLASSES = {
        "OrderService",
        "OrderController",
        "PaymentClient",
        "InvoiceRepository",
        "StockReservation",
        "TokenValidator",
        "SessionFilter",
        "HttpClient",
        "ConnectionPool",
        "QueryExecutor",
        "CacheLoader",
        "EventPublisher",
        "EventHandler",
        "RetryPolicy",
        "ShipmentPlanner",
        "SearchIndex",
        "UserRepository",
        "RequestDispatcher",
        "JsonMapper",
        "RateLimiter"
    };
    private static final String[] METHODS = {
        "handle",
        "process",
        "execute",
        "apply",
        "load",
        "save",
        "find",
        "fetch",
        "send",
        "publish",
        "validate",
        "reserve",
        "charge",
        "resolve",
        "lambda$submit$0",
        "call",
        "invoke",
        "doFilter",
        "map",
        "retry"
    };
    private static final String[] BOTTOM = {
        "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
        "\tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
        "\tat java.base/java.lang.Thread.run(Thread.java:840)"
    };

    private StackTraces() {}

    /** {@link #POOL} traces with frame counts from {@code depth}, the same for the same seed. */
    static List<String> pool(Distribution depth, long seed) {
        RecordRandom random = new RecordRandom(seed);
        Sampler depths = new Sampler(depth, random, 1, MOST_FRAMES);
        List<String> pool = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            random.reset(seed, i);
            pool.add(trace(random, (int) depths.nextLong()));
        }
        return pool;
    }

    private static String trace(RecordRandom random, int depth) {
        StringBuilder sb = new StringBuilder(depth * 80);
        sb.append(pick(random, EXCEPTIONS)).append(": ");
        sentence(random, sb, 3 + random.nextInt(8));
        int own = Math.max(1, depth - BOTTOM.length);
        for (int i = 0; i < own; i++) frame(random, sb);
        for (int i = 0; i < Math.min(BOTTOM.length, depth - own); i++)
            sb.append('\n').append(BOTTOM[i]);
        if (random.nextInt(10) < 3) {
            sb.append("\nCaused by: ").append(pick(random, CAUSES)).append(": ");
            sentence(random, sb, 2 + random.nextInt(6));
            int frames = 1 + random.nextInt(5);
            for (int i = 0; i < frames; i++) frame(random, sb);
            sb.append("\n\t... ").append(depth).append(" more");
        }
        return sb.toString();
    }

    private static void frame(RecordRandom random, StringBuilder sb) {
        String cls = pick(random, CLASSES);
        sb.append("\n\tat com.example.")
                .append(pick(random, PACKAGES))
                .append('.')
                .append(cls)
                .append('.')
                .append(pick(random, METHODS))
                .append('(')
                .append(cls)
                .append(".java:")
                .append(12 + random.nextInt(900))
                .append(')');
    }

    private static void sentence(RecordRandom random, StringBuilder sb, int words) {
        for (int i = 0; i < words; i++) {
            String w = Vocabulary.word(random.nextInt(Vocabulary.size()));
            if (i == 0) sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            else sb.append(' ').append(w);
        }
    }

    private static String pick(RecordRandom random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
