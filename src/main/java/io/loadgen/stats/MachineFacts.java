package io.loadgen.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a run ran on, read from Linux's files under a root ({@code /} for real, a directory of fixture files
 * in tests): the processor's model from {@code /proc/cpuinfo}, and the container's CPU and memory limits from the
 * process's cgroup. Whatever cannot be read (another OS, a file missing or unreadable) is null: a card never fails a
 * run.
 *
 * <p>cgroup v2 (a {@code cgroup.controllers} file at {@code /sys/fs/cgroup}): {@code cpu.max} and {@code memory.max}.
 * cgroup v1, the fallback: {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us} and {@code memory.limit_in_bytes}
 * where the controller is mounted. Either way the files of the process's cgroup (from {@code /proc/self/cgroup}) and
 * of each one above it are read, the tightest limit applying: a limit set on a parent (a Kubernetes pod's, a systemd
 * slice's) binds the cgroups below it. Inside a container the container's own cgroup is the root of what it sees.
 */
public final class MachineFacts {

    /** cgroup v1 writes "no limit" as the largest page-aligned long, or close to it: anything this large is none. */
    private static final long V1_NO_MEMORY_LIMIT = 1L << 60;

    private static final String CGROUP = "sys/fs/cgroup";

    private final Path root;

    public MachineFacts(Path root) {
        this.root = root;
    }

    /** The machine as this process sees it. */
    public static RunCard.Machine ofThisProcess() {
        return new MachineFacts(Path.of("/")).machine(Runtime.getRuntime().availableProcessors());
    }

    /** The machine, with the processors the JVM sees ({@code cores}) and the JVM's own properties. */
    public RunCard.Machine machine(int cores) {
        return new RunCard.Machine(
                // the property GraalVM's ImageInfo reads: set to "runtime" inside a native executable
                "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode")) ? "native" : "JVM",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                cpuModel(),
                cores,
                cpuLimit(),
                memoryLimitBytes());
    }

    /** The first {@code model name} of /proc/cpuinfo (x86; many ARM kernels give none), or null. */
    public String cpuModel() {
        return lines("proc/cpuinfo").stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .filter(s -> !s.isEmpty())
                .findFirst()
                .orElse(null);
    }

    /** CPUs the cgroup allows (quota / period), or null when it allows all of them or cannot be read. */
    public Double cpuLimit() {
        Double tightest = null;
        if (v2()) {
            for (Path dir : cgroupDirs(root.resolve(CGROUP), ownCgroup())) {
                tightest = min(tightest, v2CpuMax(text(dir.resolve("cpu.max"))));
            }
            return tightest;
        }
        for (Path dir : v1Dirs("cpu")) {
            Long quota = number(text(dir.resolve("cpu.cfs_quota_us")));
            Long period = number(text(dir.resolve("cpu.cfs_period_us")));
            if (quota != null && period != null && quota > 0 && period > 0) {
                tightest = min(tightest, (double) quota / period);
            }
        }
        return tightest;
    }

    /** Memory the cgroup allows, or null when unlimited or unreadable. */
    public Long memoryLimitBytes() {
        Long tightest = null;
        if (v2()) {
            for (Path dir : cgroupDirs(root.resolve(CGROUP), ownCgroup())) {
                tightest = min(tightest, number(text(dir.resolve("memory.max"))));
            }
            return tightest;
        }
        for (Path dir : v1Dirs("memory")) {
            Long limit = number(text(dir.resolve("memory.limit_in_bytes")));
            if (limit != null && limit < V1_NO_MEMORY_LIMIT) tightest = min(tightest, limit);
        }
        return tightest;
    }

    private boolean v2() {
        return Files.exists(root.resolve(CGROUP).resolve("cgroup.controllers"));
    }

    /**
     * The process's cgroup of a v1 controller where it is mounted ({@code cpu} is often mounted as
     * {@code cpu,cpuacct}), and every cgroup above it; none when the controller is not mounted.
     */
    private List<Path> v1Dirs(String controller) {
        String line = lines("proc/self/cgroup").stream()
                .filter(l -> l.split(":", 3).length == 3
                        && List.of(l.split(":", 3)[1].split(",")).contains(controller))
                .findFirst()
                .orElse(null);
        List<String> mounts = new ArrayList<>(List.of(controller));
        if (line != null) mounts.add(line.split(":", 3)[1]);
        for (String mount : mounts) {
            Path dir = root.resolve(CGROUP).resolve(mount);
            if (Files.isDirectory(dir)) return cgroupDirs(dir, line == null ? "/" : line.split(":", 3)[2]);
        }
        return List.of();
    }

    /** The path of the process's v2 cgroup in /proc/self/cgroup ({@code 0::/path}), else "/". */
    private String ownCgroup() {
        return lines("proc/self/cgroup").stream()
                .filter(l -> l.startsWith("0::"))
                .map(l -> l.substring(3).strip())
                .findFirst()
                .orElse("/");
    }

    /**
     * The directory of cgroup {@code path} under {@code mount} and every one above it, up to the mount itself. A path
     * that is not there (a container whose /proc/self/cgroup shows the host's path) reads the mount alone: in a
     * container, that is the container's own cgroup.
     */
    private static List<Path> cgroupDirs(Path mount, String path) {
        Path dir = mount.resolve(path.strip().replaceFirst("^/+", "")).normalize();
        if (!dir.startsWith(mount) || !Files.isDirectory(dir)) dir = mount;
        List<Path> dirs = new ArrayList<>();
        for (; dir != null && dir.startsWith(mount); dir = dir.getParent()) dirs.add(dir);
        return dirs;
    }

    private static Double min(Double a, Double b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.min(a, b);
    }

    private static Long min(Long a, Long b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.min(a, b);
    }

    /** "max 100000" (no limit) or "150000 100000" (1.5 CPUs). */
    private static Double v2CpuMax(String text) {
        if (text == null) return null;
        String[] parts = text.strip().split("\\s+");
        Long quota = number(parts[0]);
        Long period = parts.length > 1 ? number(parts[1]) : Long.valueOf(100_000);
        return quota == null || period == null || quota <= 0 || period <= 0 ? null : (double) quota / period;
    }

    /** A whole number, or null for "max", -1, nothing or anything else. */
    private static Long number(String text) {
        if (text == null) return null;
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            long v = Long.parseLong(s);
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private List<String> lines(String relative) {
        return Optional.ofNullable(text(root.resolve(relative)))
                .map(t -> t.lines().toList())
                .orElse(List.of());
    }
}
