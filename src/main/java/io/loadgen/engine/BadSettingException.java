package io.loadgen.engine;

/** The Kafka client rejected a setting (a bad producer property): bad usage, not a failed run. */
public class BadSettingException extends RuntimeException {

    public BadSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
