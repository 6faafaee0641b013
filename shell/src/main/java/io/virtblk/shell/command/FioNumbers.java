package io.virtblk.shell.command;

import io.virtblk.event.FioEvent;
import java.util.Collection;
import java.util.Locale;

/**
 * Numbers the way fio prints them, so a table reads like fio's own report: counts and rates with
 * at most four digits and a k/M (or Ki/Mi for bytes) prefix ({@code IOPS=42.7k},
 * {@code BW=167MiB/s}), latencies in ns, us or ms as the job's fio version chose. These are for reading; {@code --json} keeps
 * every value whole.
 */
public final class FioNumbers {

    /** fio's default {@code significant_figures}. */
    private static final int DIGITS = 4;
    private static final String[] SI = {"", "k", "M", "G", "T", "P"};
    private static final String[] IEC = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
    private FioNumbers() {
    }

    /** I/Os per second: {@code 2048}, {@code 42.7k}, {@code 778k}. fio counts whole I/Os per second; under 1 is {@code <1}. */
    public static String iops(Double v) {
        if (v == null) {
            return "-";
        }
        if (v > 0 && v < 1) {
            return "<1";
        }
        return scaled((long) Math.floor(v), 1000, SI, "");
    }

    /** Bytes per second in powers of 1024: {@code 9912KiB/s}, {@code 167MiB/s}. */
    public static String bandwidth(Double bytesPerSecond) {
        return bytesPerSecond == null ? "-" : scaled((long) Math.floor(bytesPerSecond), 1024, IEC, "B/s");
    }

    /**
     * The unit fio prints a latency in. fio 3 counts in ns and moves to µs or ms only when a
     * whole line's values are large enough; fio 2 counted in µs and never printed ns. So one job
     * reads as its fio printed it, and a table mixes units as fio's reports do.
     */
    public enum Unit {
        NS("ns", 0.001), US("us", 1), MS("ms", 1000);

        final String label;
        /** Microseconds in one of it. */
        final double us;

        Unit(String label, double us) {
            this.label = label;
            this.us = us;
        }

        /**
         * For a latency line ({@code clat (usec): min=.., max=.., avg=.., stdev=..}): fio 3 scales
         * up when min is above 2 units, max above 99,999 of the smaller unit and stdev above 1 unit;
         * fio 2 printed ms when min, max, mean and stdev were all above 1000 µs.
         */
        public static Unit ofLine(FioEvent.Stat s, boolean fio2) {
            if (s == null || s.min() == null || s.max() == null || s.avg() == null || s.stdev() == null) {
                return fio2 ? US : null;
            }
            if (fio2) {
                return s.min() > 1000 && s.max() > 1000 && s.avg() > 1000 && s.stdev() > 1000 ? MS : US;
            }
            double min = s.min() * 1000;
            double max = s.max() * 1000;
            double dev = s.stdev() * 1000;
            if (min > 2_000_000 && max > 99_999_999 && dev > 1_000_000) {
                return MS;
            }
            return min > 2000 && max > 99_999 && dev > 1000 ? US : NS;
        }

        /**
         * For values fio did not print (a distribution's percentiles, window means): the unit of
         * their middle value, so most read as 1 to 9999 of it.
         */
        public static Unit readable(Collection<Double> us) {
            double[] v = us.stream().filter(x -> x != null && !x.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
            double middle = v.length == 0 ? 0 : v[v.length / 2];
            return middle < 1 ? NS : middle < 10_000 ? US : MS;
        }

        /** For a percentile block: the same thresholds on the smallest and largest percentile, no stdev (fio 2: µs or ms). */
        public static Unit ofPercentiles(Collection<Double> us, boolean fio2) {
            double min = us.stream().filter(v -> v != null && v > 0).mapToDouble(Double::doubleValue).min().orElse(0) * 1000;
            double max = us.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0) * 1000;
            if (min > 2_000_000 && max > 99_999_999) {
                return MS;
            }
            if (min > 2000 && max > 99_999) {
                return US;
            }
            return fio2 ? US : NS;
        }
    }

    /** True for fio before 3.0, which counted latencies in µs; an unknown version is read as fio 3. */
    public static boolean fio2(String version) {
        return version != null && (version.startsWith("2.") || version.startsWith("1."));
    }

    /** A mean (or stdev) given in µs, with two decimals in {@code unit}: {@code 96.27ns}, {@code 350.52us}, {@code 19.98ms}. */
    public static String latency(Double us, Unit unit) {
        if (us == null || us.isNaN() || unit == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f%s", us / unit.us, unit.label);
    }

    /**
     * A percentile given in µs as fio prints one in {@code unit}: a whole number, rounded up
     * (fio's percentiles are bucket values; rounding down would understate the tail):
     * {@code 29ns}, {@code 510us}, {@code 474ms}.
     */
    public static String percentile(Double us, Unit unit) {
        if (us == null || us.isNaN() || unit == null) {
            return "-";
        }
        if (us == 0) {
            return "<1us"; // no I/O takes no time: fio 2 and terse output count whole µs, and truncate
        }
        long ns = Math.round(us * 1000); // percentiles are whole ns (fio 3) or whole µs (fio 2)
        long per = Math.round(unit.us * 1000);
        return (ns + per - 1) / per + unit.label;
    }

    /** A bucket bound given in µs as fio names its buckets: {@code 750ns}, {@code 1000ns}, {@code 250us}, {@code 1000us}, {@code 2ms}. */
    public static String bound(double us) {
        Unit u = us <= 1 ? Unit.NS : us <= 1000 ? Unit.US : Unit.MS;
        return new java.math.BigDecimal(Double.toString(us / u.us)).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + u.label;
    }

    /** A runtime as fio's report gives it: {@code 192msec}. */
    public static String runtime(Long ms) {
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

}
