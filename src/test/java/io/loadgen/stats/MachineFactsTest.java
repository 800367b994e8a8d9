package io.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine facts of the run card, read from fixture files laid out as Linux lays them out. */
class MachineFactsTest {

    @TempDir
    Path root;

    @Test
    void theCpuModelIsTheFirstModelNameOfCpuinfo() throws IOException {
        write("proc/cpuinfo", """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
                cpu MHz\t\t: 2900.000

                processor\t: 1
                model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
                """);

        assertThat(facts().cpuModel()).isEqualTo("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz");
    }

    @Test
    void aCpuinfoWithoutModelNameOrNoneAtAllGivesNoModel() throws IOException {
        assertThat(facts().cpuModel()).isNull();

        write("proc/cpuinfo", "processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n");

        assertThat(facts().cpuModel()).isNull();
    }

    @Test
    void cgroupV2LimitsAreQuotaOverPeriodAndMemoryMax() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
        write("proc/self/cgroup", "0::/\n");
        write("sys/fs/cgroup/cpu.max", "150000 100000\n");
        write("sys/fs/cgroup/memory.max", "2147483648\n");

        assertThat(facts().cpuLimit()).isEqualTo(1.5);
        assertThat(facts().memoryLimitBytes()).isEqualTo(2_147_483_648L);
    }

    @Test
    void cgroupV2WithoutLimitsSaysMax() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
        write("proc/self/cgroup", "0::/\n");
        write("sys/fs/cgroup/cpu.max", "max 100000\n");
        write("sys/fs/cgroup/memory.max", "max\n");

        assertThat(facts().cpuLimit()).isNull();
        assertThat(facts().memoryLimitBytes()).isNull();
    }

    @Test
    void cgroupV2TakesTheTightestLimitOfTheProcesssCgroupAndThoseAboveIt() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
        write("proc/self/cgroup", "0::/kubepods.slice/pod-a/container-b\n");
        write("sys/fs/cgroup/kubepods.slice/cpu.max", "max 100000\n");
        write("sys/fs/cgroup/kubepods.slice/pod-a/cpu.max", "200000 100000\n");
        write("sys/fs/cgroup/kubepods.slice/pod-a/memory.max", "1073741824\n");
        write("sys/fs/cgroup/kubepods.slice/pod-a/container-b/cpu.max", "400000 100000\n");
        write("sys/fs/cgroup/kubepods.slice/pod-a/container-b/memory.max", "max\n");

        assertThat(facts().cpuLimit()).isEqualTo(2.0);
        assertThat(facts().memoryLimitBytes()).isEqualTo(1_073_741_824L);
    }

    @Test
    void cgroupV1LimitsComeFromTheCfsQuotaAndTheMemoryLimit() throws IOException {
        write("proc/self/cgroup", """
                12:memory:/
                4:cpu,cpuacct:/
                0::/
                """);
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "50000\n");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "536870912\n");

        assertThat(facts().cpuLimit()).isEqualTo(0.5);
        assertThat(facts().memoryLimitBytes()).isEqualTo(536_870_912L);
    }

    @Test
    void cgroupV1WithoutLimitsHasQuotaMinusOneAndAHugeMemoryLimit() throws IOException {
        write("proc/self/cgroup", "4:memory:/process_api/f97d\n1:cpu:/\n");
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("sys/fs/cgroup/memory/process_api/f97d/memory.limit_in_bytes", "9223372036854771712\n");

        assertThat(facts().cpuLimit()).isNull();
        assertThat(facts().memoryLimitBytes()).isNull();
    }

    @Test
    void cgroupV1ReadsTheProcesssOwnCgroupBelowTheMount() throws IOException {
        write("proc/self/cgroup", "4:memory:/process_api/f97d\n1:cpu:/\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("sys/fs/cgroup/memory/process_api/f97d/memory.limit_in_bytes", "268435456\n");

        assertThat(facts().memoryLimitBytes()).isEqualTo(268_435_456L);
    }

    @Test
    void aContainerShowingTheHostsPathReadsItsMountsRoot() throws IOException {
        write("proc/self/cgroup", "4:memory:/docker/0123abcd\n3:cpu,cpuacct:/docker/0123abcd\n");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "200000\n");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "1073741824\n");

        assertThat(facts().cpuLimit()).isEqualTo(2.0);
        assertThat(facts().memoryLimitBytes()).isEqualTo(1_073_741_824L);
    }

    @Test
    void noCgroupFilesAtAllMeansNoLimitsKnown() {
        RunCard.Machine m = facts().machine(4);

        assertThat(m.cores()).isEqualTo(4);
        assertThat(m.containerCpuLimit()).isNull();
        assertThat(m.containerMemoryLimitBytes()).isNull();
        assertThat(m.cpuModel()).isNull();
        assertThat(m.runtime()).isEqualTo("JVM");
        assertThat(m.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(m.javaVm()).contains(System.getProperty("java.vm.name"));
    }

    @Test
    void thisMachineCanBeReadWithoutFailing() {
        RunCard.Machine m = MachineFacts.ofThisProcess();

        assertThat(m.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    private MachineFacts facts() {
        return new MachineFacts(root);
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
