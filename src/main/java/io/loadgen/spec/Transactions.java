package io.loadgen.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * A transactional run: every sender thread has its own transactional producer and commits every
 * {@code commitInterval}; a record counts as sent only once its transaction committed.
 *
 * @param commitInterval time from a transaction's first record to its commit
 * @param idPrefix       start of every {@code transactional.id}; the rest names run, shard and sender, so shards and
 *                       runs never fence each other, and a restarted shard fences its own predecessor
 */
public record Transactions(Duration commitInterval, String idPrefix) {

    public Transactions {
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(idPrefix, "idPrefix");
    }

    /** The {@code transactional.id} of one sender thread of one shard of a run. */
    public String transactionalId(String runId, int shard, int sender) {
        return idPrefix + "-" + runId + "-" + shard + "-" + sender;
    }

    public String describe() {
        return "commit every " + Durations.format(commitInterval) + ", transactional.id " + idPrefix
                + "-<run>-<shard>-<sender>";
    }
}
