package io.loadgen.stats;

/**
 * Where a run ran: the tool, the machine and the cluster, so that two results can be told comparable or not
 * ({@code loadgen compare}) and a number read months later still says what produced it. Each fact is {@code null}
 * when it could not be read: a card never fails a run.
 *
 * <p>A fleet's card ({@link #plus}) is its first shard's (shard 0's, the results being merged in shard order) with
 * the machines' processors and CPU limits added up: the CPU time of a fleet is its shards' added up too, so its CPU
 * per million records is set against all of its processors. The memory limit stays the first shard's: a pod's memory
 * is not pooled with another's.
 *
 * @param loadgenVersion the application's version, as {@code loadgen --version} shows it
 * @param machine        the process and the machine (or container) it ran in
 * @param cluster        the Kafka cluster and topic, read once before the clock started
 */
public record RunCard(String loadgenVersion, Machine machine, Cluster cluster) {

    public RunCard {
        machine = machine == null ? Machine.UNKNOWN : machine;
        cluster = cluster == null ? Cluster.UNKNOWN : cluster;
    }

    /**
     * @param runtime                   {@code JVM}, or {@code native} for a native executable
     * @param javaVersion               {@code java.version}
     * @param javaVm                    {@code java.vm.name (java.vm.vendor)}
     * @param cpuModel                  the processor's model name ({@code /proc/cpuinfo}), or null where unknown
     * @param cores                     processors available to the JVM ({@code Runtime.availableProcessors()}, which
     *                                  already honours a container's CPU limit, rounded up); a fleet: the sum
     * @param containerCpuLimit         CPUs the cgroup allows (quota / period), or null when there is no limit
     * @param containerMemoryLimitBytes memory the cgroup allows, or null when there is no limit
     */
    public record Machine(
            String runtime,
            String javaVersion,
            String javaVm,
            String cpuModel,
            int cores,
            Double containerCpuLimit,
            Long containerMemoryLimitBytes) {

        public static final Machine UNKNOWN = new Machine(null, null, null, null, 0, null, null);
    }

    /**
     * @param brokers           brokers in the cluster (Admin describeCluster)
     * @param brokerVersion     what the cluster says of its version: the finalized {@code metadata.version} feature,
     *                          e.g. {@code metadata.version 4.1-IV1}. Kafka has no API that reports a broker's release,
     *                          and a cluster's metadata.version can lag its brokers' release (it is raised by hand
     *                          after an upgrade); null where the cluster does not say (ZooKeeper mode, old brokers,
     *                          no permission)
     * @param topic             the topic's name
     * @param partitions        the topic's partitions
     * @param replicationFactor replicas of the topic's first partition
     */
    public record Cluster(
            Integer brokers, String brokerVersion, String topic, Integer partitions, Integer replicationFactor) {

        public static final Cluster UNKNOWN = new Cluster(null, null, null, null, null);
    }

    /** The same card with the tool's version, which only the application knows. */
    public RunCard withLoadgenVersion(String version) {
        return new RunCard(version, machine, cluster);
    }

    /** A fleet's card: see the class comment. */
    public RunCard plus(RunCard other) {
        if (other == null) return this;
        Machine m = machine;
        Machine o = other.machine;
        return new RunCard(
                loadgenVersion,
                new Machine(
                        m.runtime(),
                        m.javaVersion(),
                        m.javaVm(),
                        m.cpuModel(),
                        m.cores() + o.cores(),
                        // a shard without a limit leaves the fleet without one
                        m.containerCpuLimit() == null || o.containerCpuLimit() == null
                                ? null
                                : m.containerCpuLimit() + o.containerCpuLimit(),
                        m.containerMemoryLimitBytes()),
                cluster);
    }
}
