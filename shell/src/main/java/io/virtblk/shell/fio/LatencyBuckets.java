package io.virtblk.shell.fio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * fio's latency buckets ({@code lat (nsec)}, {@code lat (usec)}, {@code lat (msec)} lines, or
 * {@code latency_ns/us/ms} in JSON): a bucket named by its upper bound holds the I/Os from the
 * bound before it up to (not including) its own. fio prints only the buckets that hold I/Os, so
 * the lower bound comes from fio's fixed list, not from the bucket printed before.
 */
final class LatencyBuckets {

    /** Every bound fio has, in µs: 2 ns .. 1000 ns, 2 us .. 1000 us, 2 ms .. 2000 ms. */
    private static final double[] BOUNDS = {0.002, 0.004, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 4, 10, 20, 50, 100, 250, 500, 750,
        1000, 2000, 4000, 10000, 20000, 50000, 100000, 250000, 500000, 750000, 1_000_000, 2_000_000};

    private LatencyBuckets() {
    }

    /**
     * The buckets from the first to the last that holds I/Os (those between with none included, at
     * 0 %), or null when there are none; {@code >=2000000} is open above.
     */
    static Distribution.Bucketed of(Map<String, Double> shares) {
        if (shares == null) {
            return null;
        }
        double[] percent = new double[BOUNDS.length + 1];
        for (var e : shares.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            int i = index(e.getKey());
            if (i >= 0) {
                percent[i] += e.getValue();
            }
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < percent.length; i++) {
            if (percent[i] > 0) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return null;
        }
        List<Distribution.Bucket> out = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            double from = i == 0 ? 0 : BOUNDS[i - 1];
            out.add(new Distribution.Bucket(from, i < BOUNDS.length ? BOUNDS[i] : null, percent[i]));
        }
        return new Distribution.Bucketed(out);
    }

    /** The index of a bucket named by its bound in µs ("250", "0.05", ">=2000000"); -1 for a name fio does not use. */
    private static int index(String key) {
        if (key.startsWith(">=")) {
            return parse(key.substring(2)) == BOUNDS[BOUNDS.length - 1] ? BOUNDS.length : -1;
        }
        double bound = parse(key);
        for (int i = 0; i < BOUNDS.length; i++) {
            if (Math.abs(BOUNDS[i] - bound) < 1e-9 * Math.max(1, bound)) {
                return i;
            }
        }
        return -1;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
