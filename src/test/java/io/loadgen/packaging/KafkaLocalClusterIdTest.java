package io.loadgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code scripts/kafka-local.sh} makes its broker's cluster id itself, to save a JVM start. An id that starts with
 * {@code -} is taken by the storage tool's argument parser for an option, and the quick start fails to format its
 * storage ("argument --cluster-id/-t: expected one argument"): one start in 64, as CI once saw. The script's own
 * function runs here in bash, many times over, so a generator that can lead with a dash fails this test all but
 * surely (1,000 draws: a miss once in some 6 million runs).
 */
@Timeout(60)
class KafkaLocalClusterIdTest {

    private static final int DRAWS = 1_000;

    @Test
    void clusterIdsAreStorageToolArgumentsNeverOptions() throws IOException, InterruptedException {
        String script = RepoFiles.ROOT.resolve("scripts/kafka-local.sh").toString();
        // Only the function's own lines: sourcing the whole script would run its main.
        String program = "source <(sed -n '/^new_cluster_id()/,/^}/p' \"$1\")\n" + "for ((i = 0; i < " + DRAWS
                + "; i++)); do new_cluster_id; done";
        Process bash = new ProcessBuilder("bash", "-c", program, "bash", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(50, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();

        List<String> ids = out.lines().toList();
        assertThat(ids).hasSize(DRAWS);
        // 16 bytes in URL-safe base64 without padding, as Kafka's Uuid prints them.
        assertThat(ids).allMatch(id -> id.matches("[A-Za-z0-9_-]{22}"), "22 URL-safe base64 characters");
        assertThat(ids).noneMatch(id -> id.startsWith("-"));
        assertThat(ids).doesNotHaveDuplicates();
    }
}
