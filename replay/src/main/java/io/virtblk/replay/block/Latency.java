package io.virtblk.replay.block;

import io.virtblk.event.BlockRequest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** One of btt's latencies over a set of requests, in microseconds: how many had it, and its p50, p99 and max. */
public record Latency(int count, long p50, long p99, long max) {

    /** Over {@code seconds[0..n)} (sorted here); null when {@code n} is 0. */
    static Latency of(double[] seconds, int n) {
        if (n == 0) {
            return null;
        }
        Arrays.sort(seconds, 0, n);
        return new Latency(n, micros(rank(seconds, n, 0.50)), micros(rank(seconds, n, 0.99)), micros(seconds[n - 1]));
    }

    /** Over what {@code wait} gives each request (seconds; null where it has none); null when none has one. */
    static Latency over(List<BlockRequest> rs, Function<BlockRequest, Double> wait) {
        double[] v = new double[rs.size()];
        int n = 0;
        for (BlockRequest r : rs) {
            Double x = wait.apply(r);
            if (x != null) {
                v[n++] = x;
            }
        }
        return of(v, n);
    }

    /** The nearest-rank percentile, as fio and btt give them: a value some request really had. */
    private static double rank(double[] sorted, int n, double p) {
        int i = (int) Math.ceil(p * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, i))];
    }

    private static long micros(double seconds) {
        return Math.round(seconds * 1e6);
    }
}
