package io.loadgen.engine;

/** A stop was requested (SIGINT/SIGTERM) before sending began: nothing was sent, there is no result to report. */
public class StoppedBeforeStartException extends RuntimeException {

    public StoppedBeforeStartException(String message) {
        super(message);
    }
}
