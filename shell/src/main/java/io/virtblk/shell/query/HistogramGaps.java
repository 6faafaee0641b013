package io.virtblk.shell.query;

import java.util.TreeMap;

/**
 * The buckets a histogram has no events in, between its first and its last: left out, a minute
 * in which nothing was logged vanishes from the picture, and that minute is often the stall.
 */
final class HistogramGaps {

    /** More buckets than this are not filled in: the interval is too fine for the span, and the found ones are shown as they are. */
    static final int MOST = 100_000;

    private HistogramGaps() {
    }

    static TreeMap<Double, Long> filled(TreeMap<Double, Long> found, double interval) {
        if (found.size() < 2) {
            return found;
        }
        double first = found.firstKey();
        double last = found.lastKey();
        long steps = Math.round((last - first) / interval);
        if (steps + 1 > MOST) {
            return found;
        }
        TreeMap<Double, Long> all = new TreeMap<>();
        for (long i = 0; i <= steps; i++) {
            double start = first + i * interval;
            Double near = found.floorKey(start + interval / 2); // bucket starts are sums of doubles: match the nearest
            all.put(near != null && Math.abs(near - start) < interval / 2 ? near : start, 0L);
        }
        found.forEach((k, v) -> all.merge(k, v, Long::sum));
        return all;
    }
}
