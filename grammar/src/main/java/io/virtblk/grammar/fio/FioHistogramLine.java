package io.virtblk.grammar.fio;

import java.util.TreeMap;

/**
 * The bucket counts of one line of a fio histogram log ({@code write_hist_log}). The event of
 * such a line keeps what a query needs (I/Os and percentiles); a whole distribution, summed over
 * the lines of a log, needs the counts, read again from the line.
 */
public final class FioHistogramLine {

    private FioHistogramLine() {
    }

    /**
     * I/Os per bucket, keyed by the bucket's value in µs (its middle, as fio reports one), buckets
     * with none left out; null when the line is not a histogram line of a fio that we know.
     */
    public static TreeMap<Double, Long> bins(String line) {
        String[] cols = line.split(",");
        FioHistogram layout = cols.length > 3 ? FioHistogram.forColumns(cols.length - 3) : null;
        if (layout == null) {
            return null;
        }
        TreeMap<Double, Long> out = new TreeMap<>();
        try {
            for (int i = 3; i < cols.length; i++) {
                long n = Long.parseLong(cols[i].strip());
                if (n > 0) {
                    out.merge(layout.micros(i - 3), n, Long::sum);
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }
}
