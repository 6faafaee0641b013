package io.virtblk.shell.fio;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One job run's completion latencies in one direction, as exactly as the loaded files know them,
 * and where that knowledge came from. Values in µs.
 *
 * @param run      the job run; null for a fio log loaded without its job's result
 * @param basis    what the shape was made from, the most exact source there was
 * @param source   that source in words, with its file ({@code JSON+ latency bins in x.json})
 * @param shape    the distribution; null when nothing gave one (only averaged samples)
 * @param averaged logs of the job that hold averages of time windows: shown over time, never as I/Os
 * @param notes    what the reader should know: a log not used and why, a count that does not match
 */
record Distribution(JobRun run, String job, String dir, Basis basis, String source, Shape shape, Map<String, Double> printedPercentiles,
                    List<AveragedLog> averaged, List<String> notes) {

    /** The sources in the order they are preferred: the first the files hold is used. */
    enum Basis {
        /** fio's own count of every I/O per latency bucket, to within 1/64 of its value ({@code --output-format=json+}). */
        JSON_PLUS_BINS("json_plus_bins"),
        /** A latency log without averaging: one sample per I/O, its exact latency. */
        LOG_SAMPLES("log_samples"),
        /** {@code write_hist_log}: every I/O of each interval counted in fio's buckets. */
        HISTOGRAM_LOG("histogram_log"),
        /** The {@code lat (usec)}/{@code lat (msec)} lines: the share of I/Os per coarse bucket. */
        LATENCY_BUCKETS("latency_buckets"),
        /** The percentiles fio printed: points, and nothing above the last. */
        PRINTED_PERCENTILES("printed_percentiles"),
        /** Nothing to make a distribution of (a log of averages only). */
        NONE("none");

        final String json;

        Basis(String json) {
            this.json = json;
        }
    }

    /** What is known of the distribution: counts per value, shares per bucket, or percentiles. */
    sealed interface Shape permits Counted, Bucketed, Printed {
    }

    /** I/Os per value (µs): every I/O counted. */
    record Counted(TreeMap<Double, Long> bins) implements Shape {

        long total() {
            return bins.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The latency below which {@code p} percent of the I/Os completed. */
        double percentile(double p) {
            long want = (long) Math.ceil(total() * p / 100.0);
            long seen = 0;
            for (var e : bins.entrySet()) {
                seen += e.getValue();
                if (seen >= want) {
                    return e.getKey();
                }
            }
            return bins.isEmpty() ? Double.NaN : bins.lastKey();
        }
    }

    /** The share of I/Os (percent) in each of fio's buckets, low to high; {@code toUs} null for the last, open one ({@code >=2000ms}). */
    record Bucketed(List<Bucket> buckets) implements Shape {

        /** The bucket {@code p} percent of the I/Os fall within, or null when the shares fio printed do not reach that far. */
        Bucket percentile(double p) {
            double total = buckets.stream().mapToDouble(Bucket::percent).sum();
            double seen = 0;
            for (Bucket b : buckets) {
                seen += b.percent();
                // the printed shares are rounded to 0.01 %: they are scaled to add up to 100
                if (b.percent() > 0 && seen * 100 / total >= p - 1e-9) {
                    return b;
                }
            }
            return null;
        }
    }

    record Bucket(double fromUs, Double toUs, double percent) {
    }

    /** Percentile rank ("99.90") to µs, as fio printed them. */
    record Printed(Map<String, Double> percentiles) implements Shape {

        /** The highest rank fio printed: above it, nothing is known. */
        double top() {
            return percentiles.keySet().stream().mapToDouble(Double::parseDouble).max().orElse(0);
        }
    }

    /** I/Os counted, for a shape that counts them; null otherwise. */
    Long ios() {
        return shape instanceof Counted c ? c.total() : null;
    }

    /** {@code sequential_read@34 read — run 2 of FILE, started 2026-11-26 07:05:00}: which job run this is. */
    String title() {
        return run == null ? job + " " + dir : run.handle() + " " + dir + " — " + run.where();
    }
}
