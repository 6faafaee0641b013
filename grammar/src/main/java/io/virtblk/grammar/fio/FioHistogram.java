package io.virtblk.grammar.fio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fio's latency buckets (stat.h): the first 128 buckets are 1 unit wide, then each group of 64
 * doubles the width, so a value is known to within 1/64 of itself. fio 2.x has 19 groups (1216
 * buckets, µs), fio 3.x 29 (1856 buckets, ns); {@code log_hist_coarseness=C} sums every 2^C
 * neighbours into one column. The column count says which.
 */
final class FioHistogram {

    private static final int PLAT_BITS = 6;
    private static final int PLAT_VAL = 1 << PLAT_BITS;
    private static final int FIO2_BUCKETS = 1216;
    private static final int FIO3_BUCKETS = 1856;
    /** The percentiles fio reports by default, by the names the store's lat.p* fields use. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] NAMES = {"50.00", "90.00", "99.00", "99.90", "99.99"};

    private final int coarseness;
    private final double toMicros;

    private FioHistogram(int coarseness, double toMicros) {
        this.coarseness = coarseness;
        this.toMicros = toMicros;
    }

    /** The layout of a line of {@code columns} bucket counts, or null when no fio writes that many. */
    static FioHistogram forColumns(int columns) {
        for (int c = 0; c <= 6; c++) {
            if (columns << c == FIO2_BUCKETS) {
                return new FioHistogram(c, 1);
            }
            if (columns << c == FIO3_BUCKETS) {
                return new FioHistogram(c, 1e-3);
            }
        }
        return null;
    }

    static String expected() {
        return FIO2_BUCKETS + " (fio 2) or " + FIO3_BUCKETS + " (fio 3) bucket counts, or those halved by log_hist_coarseness";
    }

    /** Percentiles (µs) by fio's names ("99.00"), for buckets holding at least one I/O. */
    Map<String, Double> percentiles(long[] counts, long total) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (total == 0) {
            return out;
        }
        int bucket = 0;
        long seen = counts[0];
        for (int p = 0; p < PERCENTILES.length; p++) {
            long rank = Math.max(1, (long) Math.ceil(PERCENTILES[p] / 100 * total));
            while (seen < rank) {
                seen += counts[++bucket];
            }
            out.put(NAMES[p], micros(bucket));
        }
        return out;
    }

    /** The middle of the highest bucket holding an I/O, µs; 0 when none. */
    double max(long[] counts) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return micros(i);
            }
        }
        return 0;
    }

    /** The middle of a column's range: it spans 2^coarseness of fio's buckets. */
    double micros(int column) {
        int first = column << coarseness;
        int last = first + (1 << coarseness) - 1;
        return (lower(first) + upper(last)) / 2 * toMicros;
    }

    /** The first 128 buckets each hold one value exactly; the others a range. */
    private static double lower(int bucket) {
        return bucket < 2 * PLAT_VAL ? bucket : edge(bucket, 0);
    }

    private static double upper(int bucket) {
        return bucket < 2 * PLAT_VAL ? bucket : edge(bucket, 1);
    }

    /** plat_idx_to_val: the value at {@code fraction} of a bucket's range (fio reports the middle). */
    private static double edge(int bucket, double fraction) {
        int errorBits = (bucket >> PLAT_BITS) - 1;
        long base = 1L << (errorBits + PLAT_BITS);
        int k = bucket % PLAT_VAL;
        return base + (k + fraction) * (1L << errorBits);
    }
}
