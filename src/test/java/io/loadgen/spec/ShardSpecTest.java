package io.loadgen.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardSpecTest {

    @ParameterizedTest
    @CsvSource({"10,3", "2000000,7", "5,8", "1,1", "20,20", "1000003,20"})
    void sharesAddUpToTheTotalAndRangesTileWithoutOverlap(long total, int count) {
        long sum = 0;
        long expectedOffset = 0;
        for (int k = 0; k < count; k++) {
            ShardSpec shard = new ShardSpec(k, count);
            assertThat(shard.offset(total))
                    .as("shard %d starts where shard %d ended", k, k - 1)
                    .isEqualTo(expectedOffset);
            long share = shard.records(total);
            assertThat(share).isBetween(total / count, total / count + 1);
            expectedOffset += share;
            sum += share;
        }
        assertThat(sum).isEqualTo(total);
    }

    @Test
    void remaindersGoToTheLowIndexes() {
        assertThat(new ShardSpec(0, 3).records(10)).isEqualTo(4);
        assertThat(new ShardSpec(1, 3).records(10)).isEqualTo(3);
        assertThat(new ShardSpec(2, 3).records(10)).isEqualTo(3);
        assertThat(new ShardSpec(0, 3).rate(1000)).isEqualTo(334);
        assertThat(new ShardSpec(2, 3).rate(1000)).isEqualTo(333);
        assertThat(new ShardSpec(1, 4).rate(2.5)).isEqualTo(0.625);
    }

    @Test
    void unlimitedRunsGetDisjointSlicesOfTheLongRange() {
        ShardSpec first = new ShardSpec(0, 3);
        ShardSpec second = new ShardSpec(1, 3);
        assertThat(first.records(Workload.UNLIMITED)).isEqualTo(Workload.UNLIMITED);
        assertThat(second.offset(Workload.UNLIMITED)).isEqualTo(Long.MAX_VALUE / 3);
    }

    @Test
    void rejectsAnIndexOutsideTheCount() {
        assertThatThrownBy(() -> new ShardSpec(3, 3)).hasMessageContaining("0..2");
        assertThatThrownBy(() -> new ShardSpec(0, 0)).hasMessageContaining("at least 1");
    }
}
