package io.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadgen.cluster.ShardResult;
import io.loadgen.spec.ShardSpec;
import io.loadgen.stats.Results;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fleet report's settings are the fleet's: {@code --records 10000 --rate 10000} over three shards reads as 10,000
 * records at 10,000/s, not as shard 0's 3,334 at 3,334/s next to the fleet's 10,000 records sent.
 */
class FleetSettingsTest {

    private static ShardResult shard(int index, Object records, Object rate, String warmup) {
        return shard(index, 3, records, rate, warmup);
    }

    private static ShardResult shard(int index, int count, Object records, Object rate, String warmup) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("run-id", "r");
        settings.put("topic", "logs");
        settings.put("records", records);
        settings.put("duration", "unlimited");
        settings.put("rate", rate);
        settings.put("warmup", warmup);
        settings.put("shard", index + "/" + count + " (Message numbers from " + index * 3_334 + ")");
        settings.put("idempotence", "on");
        return new ShardResult(
                new ShardSpec(index, count),
                index * 3_334L,
                3_333,
                Results.builder().runId("r").settings(settings).build());
    }

    @Test
    void recordsRateAndAWarmUpCountAreTheFleetsTotalsInTheShardsOrder() {
        // In index order, as the report picks them; settings as a result file's JSON reads them back (Integer).
        Map<String, Object> fleet = FleetReport.fleetSettings(
                List.of(
                        shard(0, 3_334L, 3_334.0, "34 records"),
                        shard(1, 3_333, 3_333.0, "33 records"),
                        shard(2, 3_333, 3_333.0, "33 records")),
                3);

        assertThat(fleet.keySet())
                .containsExactly("run-id", "topic", "records", "duration", "rate", "warmup", "shards", "idempotence");
        assertThat(fleet)
                .containsEntry("records", 10_000L)
                .containsEntry("rate", 10_000.0)
                .containsEntry("warmup", "100 records")
                .containsEntry("shards", 3)
                .containsEntry("topic", "logs")
                .containsEntry("duration", "unlimited");
    }

    @Test
    void aFractionalRateAddsUpAndWhatCannotBeAddedIsSaidToBePerShard() {
        Map<String, Object> fractional = FleetReport.fleetSettings(
                List.of(shard(0, 1L, 0.5, "10s"), shard(1, 1L, 0.5, "10s"), shard(2, 1L, 0.5, "10s")), 3);
        assertThat(fractional)
                .containsEntry("rate", 1.5)
                .containsEntry("records", 3L)
                .as("a warm-up time is every shard's")
                .containsEntry("warmup", "10s");

        Map<String, Object> shaped = FleetReport.fleetSettings(
                List.of(
                        shard(0, "unlimited", "ramp 0->3,334/s over 1m", "none"),
                        shard(1, "unlimited", "ramp 0->3,333/s over 1m", "none"),
                        shard(2, "unlimited", "ramp 0->3,333/s over 1m", "none")),
                3);
        assertThat(shaped)
                .containsEntry("records", "unlimited")
                .containsEntry("rate", "ramp 0->3,334/s over 1m on each shard")
                .containsEntry("warmup", "none")
                .containsEntry("shards", 3);

        Map<String, Object> sevenths = FleetReport.fleetSettings(
                java.util.stream.IntStream.range(0, 7)
                        .mapToObj(i -> shard(i, 7, 1L, 1000.3 / 7, "none"))
                        .toList(),
                7);
        assertThat(sevenths).as("shares of a fractional rate add back up to it").containsEntry("rate", 1000.3);

        Map<String, Object> unpaced = FleetReport.fleetSettings(
                List.of(shard(0, 5L, "unlimited", "none"), shard(1, 5L, "unlimited", "none")), 2);
        assertThat(unpaced).containsEntry("rate", "unlimited").containsEntry("records", 10L);
    }

    @Test
    void withAShardMissingTheSumsSayWhoseTheyAre() {
        Map<String, Object> two = FleetReport.fleetSettings(
                List.of(shard(0, 3_334L, 3_334.0, "none"), shard(1, 3_333L, 3_333.0, "none")), 3);

        assertThat(two)
                .containsEntry("records", 6_667L)
                .containsEntry("shards", 3)
                .containsEntry("results", "of 2 shards: records, rate and warm-up add up theirs, not the fleet's");
        assertThat(new java.util.ArrayList<>(two.keySet()))
                .as("said next to the fleet's size")
                .containsSubsequence("shards", "results");
    }
}
