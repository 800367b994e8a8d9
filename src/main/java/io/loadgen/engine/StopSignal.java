package io.loadgen.engine;

/**
 * Tells sender threads to stop, and remembers the first reason given. Read once per record: one volatile load.
 *
 * <p>Besides the reason sending stopped, it remembers whether a signal arrived at all (also after the duration, while
 * records in flight are awaited: the run then counts as interrupted) and whether a second one asked to skip the wait.
 */
final class StopSignal {

    enum Reason {
        MESSAGES_SENT,
        DURATION_REACHED,
        INTERRUPTED,
        FAILED
    }

    private volatile Reason reason;
    private volatile long requestedAtNanos;
    private volatile String failure;
    private volatile boolean interrupted;
    private volatile boolean abandoned;

    boolean stopped() {
        return reason != null;
    }

    synchronized void stop(Reason why, long nowNanos) {
        if (reason == null) {
            requestedAtNanos = nowNanos;
            reason = why;
        }
    }

    /** A signal: sending stops if it has not already, and the run will say it was interrupted. */
    void interrupt(long nowNanos) {
        interrupted = true;
        stop(Reason.INTERRUPTED, nowNanos);
    }

    /** A second signal: stop waiting for records in flight at once (they are reported as unconfirmed). */
    void abandon(long nowNanos) {
        abandoned = true;
        interrupt(nowNanos);
    }

    /** A sender cannot go on (its transactional producer failed for good): the whole run stops, saying why. */
    synchronized void fail(String why, long nowNanos) {
        if (reason == null) {
            failure = why;
            stop(Reason.FAILED, nowNanos);
        }
    }

    /** Why the run failed, when {@link #reason()} is {@link Reason#FAILED}. */
    String failure() {
        return failure;
    }

    Reason reason() {
        return reason;
    }

    /** A signal arrived, before or after sending stopped for another reason. */
    boolean interrupted() {
        return interrupted;
    }

    boolean abandoned() {
        return abandoned;
    }

    long requestedAtNanos() {
        return requestedAtNanos;
    }
}
