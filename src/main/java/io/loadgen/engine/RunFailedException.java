package io.loadgen.engine;

/** The run could not start or go on (cluster unreachable, topic missing, ...). The message is for the user, one line. */
public class RunFailedException extends RuntimeException {

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public RunFailedException(String message) {
        super(message);
    }
}
