package io.virtblk.shell;

import java.util.Locale;

/**
 * Numbers the way fio prints them, so a table reads like fio's own report: counts and rates with
 * at most four digits and a k/M (or Ki/Mi for bytes) prefix ({@code IOPS=42.7k},
 * {@code BW=167MiB/s}), latencies in ns, us or ms. These are for reading; {@code --json} keeps
 * every value whole.
 */
final class FioNumbers {

    /** fio's default {@code significant_figures}. */
    private static final int DIGITS = 4;
    private static final String[] SI = {"", "k", "M", "G", "T", "P"};
    private static final String[] IEC = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
    /** Above this many ns a latency is shown in µs, above {@link #MS_FROM} in ms: fio's thresholds for its percentile lines. */
    private static final double US_FROM = 99_999;
    private static final double MS_FROM = 99_999_999;

    private FioNumbers() {
    }

    /** I/Os per second: {@code 2048}, {@code 42.7k}, {@code 778k}. fio counts whole I/Os per second; under 1 is {@code <1}. */
    static String iops(Double v) {
        if (v == null) {
            return "-";
        }
        if (v > 0 && v < 1) {
            return "<1";
        }
        return scaled((long) Math.floor(v), 1000, SI, "");
    }

    /** Bytes per second in powers of 1024: {@code 9912KiB/s}, {@code 167MiB/s}. */
    static String bandwidth(Double bytesPerSecond) {
        return bytesPerSecond == null ? "-" : scaled((long) Math.floor(bytesPerSecond), 1024, IEC, "B/s");
    }

    /** A mean latency given in µs, with two decimals in the unit fio would print it in: {@code 96.27ns}, {@code 350.52us}, {@code 223.98ms}. */
    static String latency(Double us) {
        if (us == null || us.isNaN()) {
            return "-";
        }
        double ns = us * 1000;
        if (ns > MS_FROM) {
            return String.format(Locale.ROOT, "%.2fms", ns / 1e6);
        }
        if (ns > US_FROM) {
            return String.format(Locale.ROOT, "%.2fus", us);
        }
        return String.format(Locale.ROOT, "%.2fns", ns);
    }

    /**
     * A percentile given in µs as fio prints one: a whole number, rounded up when scaled (fio's
     * percentiles are bucket values; rounding down would understate the tail): {@code 29ns},
     * {@code 510us}, {@code 474ms}.
     */
    static String percentile(Double us) {
        if (us == null || us.isNaN()) {
            return "-";
        }
        long ns = Math.round(us * 1000); // percentiles are whole ns (fio 3) or whole µs (fio 2)
        if (ns > MS_FROM) {
            return ceilDiv(ns, 1_000_000) + "ms";
        }
        if (ns > US_FROM) {
            return ceilDiv(ns, 1000) + "us";
        }
        return ns + "ns";
    }

    /** A runtime as fio's report gives it: {@code 192msec}. */
    static String runtime(Long ms) {
        return ms == null ? "-" : ms + "msec";
    }

    /**
     * {@code n} in at most {@link #DIGITS} digits: divided by {@code base} while it has more,
     * then as many decimals of the rest as the digits leave room for (one at least, else rounded
     * to whole), as fio's num2str does.
     */
    static String scaled(long n, int base, String[] prefixes, String unit) {
        if (n < 0) {
            return "-" + scaled(-n, base, prefixes, unit);
        }
        int prefix = 0;
        long rest = -1;
        while (digits(n) > DIGITS && prefix < prefixes.length - 1) {
            rest = n % base;
            n /= base;
            prefix++;
        }
        if (rest < 0) {
            return n + prefixes[prefix] + unit;
        }
        int room = DIGITS - digits(n); // the point takes one of them
        if (room <= 1) {
            return (rest * 2 >= base ? n + 1 : n) + prefixes[prefix] + unit;
        }
        return String.format(Locale.ROOT, "%." + (room - 1) + "f", n + (double) rest / base) + prefixes[prefix] + unit;
    }

    private static int digits(long n) {
        return Long.toString(n).length();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
