package io.loadgen.engine;

/**
 * A sender's transactional producer can go on no longer (fenced by another producer with its transactional.id, not
 * authorized, a commit that kept timing out). Its open transaction's records were already counted as failed; the
 * run stops with this message as its reason.
 */
final class TransactionFailedException extends RuntimeException {

    TransactionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
