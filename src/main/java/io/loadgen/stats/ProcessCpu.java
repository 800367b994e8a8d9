package io.loadgen.stats;

import java.lang.management.ManagementFactory;

/** The CPU time this process has used (user + system, every thread), as the JVM reads it from the OS. */
public final class ProcessCpu {

    private ProcessCpu() {}

    /** Nanoseconds since the process started, or -1 where the JVM cannot tell. */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
