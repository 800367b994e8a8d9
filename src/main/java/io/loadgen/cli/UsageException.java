package io.loadgen.cli;

/** Bad input found while assembling the spec. The message names the option and what it accepts. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
