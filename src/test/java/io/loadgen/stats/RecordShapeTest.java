package io.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Record sizes as the summary shows them: never a mean or a percentile above the largest size the run made. */
class RecordShapeTest {

    @Test
    void aFixedSizeReadsTheSameAsMeanPercentileAndMax() {
        Histogram sizes = RecordShape.newSizeHistogram();
        sizes.recordValueWithCount(4_000, 1_000);
        RecordShape shape = new RecordShape(sizes, null);

        assertThat(shape.meanValueBytes()).isEqualTo(4_000.0);
        assertThat(shape.valueBytesAt(99)).isEqualTo(4_000);
        assertThat(shape.maxValueBytes()).isEqualTo(4_000);
    }

    @Test
    void theMeanWeighsEachSizeByItsCount() {
        Histogram sizes = RecordShape.newSizeHistogram();
        sizes.recordValueWithCount(100, 3);
        sizes.recordValueWithCount(200, 1);

        assertThat(new RecordShape(sizes, null).meanValueBytes()).isEqualTo(125.0);
        assertThat(RecordShape.empty().meanValueBytes()).isZero();
    }
}
