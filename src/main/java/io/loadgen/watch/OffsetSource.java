package io.loadgen.watch;

import java.util.Map;

/** Where the watcher reads offsets: the topic's ends and a group's commits, per partition. */
public interface OffsetSource extends AutoCloseable {

    /** The end offset (the next offset to be written) of every partition of the topic. */
    Map<Integer, Long> endOffsets();

    /** What the cluster says about a group's commits on the topic. */
    Commits committed(String group);

    @Override
    void close();

    /**
     * A group's committed offsets on the topic, or why there are none.
     *
     * @param offsets   committed offset by partition; empty when the group has none on the topic
     * @param problem   why the group cannot be watched (absent, not allowed), or {@code null}
     * @param noCommits for a group that exists but has no commits on the topic (yet: a consumer commits after it has
     *                  consumed), what to say if it never commits; else {@code null}
     */
    record Commits(Map<Integer, Long> offsets, String problem, String noCommits) {

        public Commits {
            offsets = Map.copyOf(offsets);
        }

        static Commits of(Map<Integer, Long> offsets) {
            return new Commits(offsets, null, null);
        }

        static Commits unavailable(String problem) {
            return new Commits(Map.of(), problem, null);
        }

        static Commits noneYet(String why) {
            return new Commits(Map.of(), null, why);
        }
    }
}
