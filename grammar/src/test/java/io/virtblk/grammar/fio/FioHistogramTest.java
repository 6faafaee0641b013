package io.virtblk.grammar.fio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** fio's bucket layout (stat.h plat_idx_to_val), its two sizes and its coarsened columns. */
class FioHistogramTest {

    @Test
    void bucketsAreTheValuesFioReports() {
        FioHistogram fio2 = FioHistogram.forColumns(1216);
        // the first 128 buckets hold one value each
        assertThat(fio2.micros(10)).isEqualTo(10);
        assertThat(fio2.micros(127)).isEqualTo(127);
        // then groups of 64 of doubling width, reported at their middle: bucket 200 is 288..291
        assertThat(fio2.micros(128)).as("128..129, 2 wide").isEqualTo(129);
        assertThat(fio2.micros(200)).isEqualTo(256 + 8.5 * 4);
        // fio 3 counts nanoseconds
        assertThat(FioHistogram.forColumns(1856).micros(200)).isEqualTo(0.290);
    }

    @Test
    void coarsenedColumnsSpanTheirBuckets() {
        FioHistogram c1 = FioHistogram.forColumns(608);
        assertThat(c1.micros(5)).as("values 10 and 11").isEqualTo(10.5);
        FioHistogram c6 = FioHistogram.forColumns(19);
        assertThat(c6.micros(0)).as("values 0 to 63").isEqualTo(31.5);
        assertThat(FioHistogram.forColumns(29)).isNotNull();
        assertThat(FioHistogram.forColumns(1000)).isNull();
        assertThat(FioHistogram.forColumns(1216 * 2)).isNull();
    }

    @Test
    void percentilesAreTheBucketsWhereTheRankFalls() {
        FioHistogram fio2 = FioHistogram.forColumns(1216);
        long[] counts = new long[1216];
        counts[10] = 90;
        counts[20] = 9;
        counts[200] = 1;
        var p = fio2.percentiles(counts, 100);
        assertThat(p).containsEntry("50.00", 10.0).containsEntry("90.00", 10.0).containsEntry("99.00", 20.0)
                .containsEntry("99.90", 290.0).containsEntry("99.99", 290.0);
        assertThat(fio2.max(counts)).isEqualTo(290);
        assertThat(fio2.percentiles(new long[1216], 0)).isEmpty();
        assertThat(fio2.max(new long[1216])).isZero();
    }

    @Test
    void aLinesBinsAreItsNonZeroBucketsByValue() {
        StringBuilder line = new StringBuilder("1001, 0, 16384");
        for (int i = 0; i < 1216; i++) {
            line.append(", ").append(i == 10 ? 3 : i == 200 ? 2 : 0);
        }
        assertThat(FioHistogramLine.bins(line.toString())).containsExactly(java.util.Map.entry(10.0, 3L), java.util.Map.entry(290.0, 2L));
        assertThat(FioHistogramLine.bins("1001, 0, 16384, 5")).as("no fio writes one bucket").isNull();
    }
}
