package io.virtblk.shell.fio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fio latency log written with {@code log_avg_msec}: each sample is the mean (or, with
 * {@code log_max_value}, the highest) latency of one time window's I/Os, not one I/O. Its samples
 * say how latency moved over time; a percentile of them is a percentile of window means and
 * understates the tail, so none is ever computed.
 *
 * @param samples    the samples of the direction (all of them, before any grouping for display)
 * @param intervalMs the window, from the job's options or from the sample times; null when neither says
 * @param regular    true when the samples come one per direction at multiples of the window (fio 3 aligns them)
 * @param evidence   why the samples are taken as averages, in words
 * @param inferred   true when that is inferred from the log, false when the job's options say it
 */
record AveragedLog(String log, String kind, String file, String dir, long samples, Long intervalMs, boolean regular, String evidence,
                   boolean inferred, String value, List<Point> points) {

    /** One sample: its time (ms since the job started), direction and value (µs). */
    record Point(long timeMs, String dir, double us) {
    }

    /** Samples grouped for display: from/to ms, the mean of their values and the highest. */
    record Slice(long fromMs, long toMs, int samples, double meanUs, double highestUs) {
    }

    static final String WHY_NOT = "per-I/O percentiles cannot be computed from them: a window's mean hides its slowest I/Os";

    /** {@code the fio log 'avg' (FILE): 31 samples are averages, not I/Os: one sample per direction every 100 ms}. */
    String summary() {
        String every = intervalMs == null ? "" : regular ? ": one sample per direction every " + intervalMs + " ms"
                : ": about one sample per direction every " + intervalMs + " ms";
        return "the fio log '" + log + "' (" + file + "): " + String.format(Locale.ROOT, "%,d", samples) + " samples are averages, not I/Os"
                + every + ", each the " + value + " " + kind + " of that window's I/Os";
    }

    /** {@code (log_avg_msec=100 in the job's options)} or the inference and what it rests on. */
    String because() {
        return inferred ? "inferred: " + evidence + "; the log itself does not say" : evidence;
    }

    /**
     * The samples in at most {@code rows} slices of equal time, each with the mean and the highest
     * of its samples' values: a 10-minute log at 100 ms is 6,000 samples, too many to read.
     */
    List<Slice> overTime(int rows) {
        List<Slice> out = new ArrayList<>();
        if (points.isEmpty()) {
            return out;
        }
        if (points.size() <= rows) {
            points.forEach(p -> out.add(new Slice(p.timeMs(), p.timeMs(), 1, p.us(), p.us())));
            return out;
        }
        long first = points.getFirst().timeMs();
        long last = points.getLast().timeMs();
        double width = Math.max(1, (last - first + 1) / (double) rows);
        int i = 0;
        for (int r = 0; r < rows && i < points.size(); r++) {
            long to = r == rows - 1 ? last : first + (long) Math.ceil((r + 1) * width) - 1;
            long from = points.get(i).timeMs();
            double sum = 0;
            double high = Double.NEGATIVE_INFINITY;
            int n = 0;
            while (i < points.size() && points.get(i).timeMs() <= to) {
                sum += points.get(i).us();
                high = Math.max(high, points.get(i).us());
                n++;
                i++;
            }
            if (n > 0) {
                out.add(new Slice(from, points.get(i - 1).timeMs(), n, sum / n, high));
            }
        }
        return out;
    }

    /** {@code 0.1s} or {@code 0.1s-2.5s}: a slice's time since the job started. */
    static String time(Slice s) {
        String from = seconds(s.fromMs());
        return s.fromMs() == s.toMs() ? from : from + "-" + seconds(s.toMs());
    }

    private static String seconds(long ms) {
        return new java.math.BigDecimal(ms).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    }
}
