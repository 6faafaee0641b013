package io.virtblk.shell;

import io.virtblk.analyzer.JobRow;
import io.virtblk.analyzer.JobTable;
import io.virtblk.event.FioEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's completion-latency distribution from the richest source there is: JSON+ bins, else
 * the samples of a fio log with the job's name, else the percentiles fio printed. Values in µs.
 */
final class Distributions {

    /** Counts per latency bin (µs, lower edge); {@code source} says where they came from. */
    record Distribution(String job, String dir, String source, TreeMap<Double, Long> bins, Map<String, Double> printedPercentiles) {

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

    private Distributions() {
    }

    static List<Distribution> of(Session session, String job, String dir) {
        List<Distribution> out = new ArrayList<>();
        // a run saved twice in one source counts once there; copies in other sources stay, they may carry bins
        java.util.Map<String, List<JobRow>> bySource = new java.util.LinkedHashMap<>();
        JobsCommand.rows(session).forEach(r -> bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r));
        try {
            for (var entry : bySource.entrySet()) {
                for (JobRow r : JobTable.dedupe(entry.getValue(), new java.util.IdentityHashMap<>())) {
                    if (!r.job().equals(job) || (dir != null && !r.dir().equals(dir))) {
                        continue;
                    }
                    FioEvent.DirResult d = r.direction();
                    TreeMap<Double, Long> bins = new TreeMap<>();
                    String from;
                    if (d.clatBins() != null && !d.clatBins().isEmpty()) {
                        d.clatBins().forEach((k, v) -> bins.merge(Double.parseDouble(k), v, Long::sum));
                        from = "JSON+ latency bins in " + entry.getKey();
                    } else {
                        from = "percentiles fio printed in " + entry.getKey();
                    }
                    out.add(new Distribution(r.job(), r.dir(), from, bins, d.clatPercentiles()));
                }
            }
            if (out.stream().allMatch(x -> x.bins().isEmpty())) {
                Distribution fromLog = fromSamples(session, job, dir);
                if (fromLog != null) {
                    out.add(0, fromLog);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** From a fio log named after the job ({@code write_clat_log=JOB}): one count per 1 µs of sample value. */
    private static Distribution fromSamples(Session session, String job, String dir) throws IOException {
        String q = "type:fio_sample AND sample.log:" + EventsCommand.quote(job) + " AND sample.kind:(clat OR lat)"
                + (dir == null ? "" : " AND sample.dir:" + ("read".equals(dir) ? 0 : "write".equals(dir) ? 1 : 2));
        if (session.store().count(q) == 0) {
            return null;
        }
        TreeMap<Double, Long> ns = session.store().histogram(q, "sample.value", 1000);
        TreeMap<Double, Long> us = new TreeMap<>();
        ns.forEach((k, v) -> us.put(k / 1000, v));
        return new Distribution(job, dir == null ? "all" : dir, "samples of the fio log '" + job + "'", us, null);
    }
}
