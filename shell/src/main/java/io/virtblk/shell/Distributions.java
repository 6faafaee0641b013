package io.virtblk.shell;

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

    /**
     * Counts per latency bin (µs, lower edge) of one job run ({@code run}; null for a fio log
     * loaded without its job's result); {@code source} says where they came from.
     */
    record Distribution(JobRun run, String job, String dir, String source, TreeMap<Double, Long> bins, Map<String, Double> printedPercentiles) {

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

        /** {@code sequential_read@34 read — run 2 of FILE, started 2026-11-26 07:05:00}: which job run this is. */
        String title() {
            return run == null ? job + " " + dir : run.handle() + " " + dir + " — " + run.where();
        }
    }

    private Distributions() {
    }

    /** The distributions of the job runs {@code pick} means, or of the fio log it names when no job has that name. */
    static List<Distribution> of(Session session, JobPick pick) {
        List<Distribution> out = new ArrayList<>();
        try {
            for (JobRun run : pick.select(JobRun.all(session))) {
                TreeMap<Double, Long> bins = new TreeMap<>();
                String from = null;
                // a copy of the run in another format may hold the bins the row lacks (text beside JSON+)
                for (var copy : run.copies()) {
                    FioEvent.DirResult d = copy.direction();
                    if (d.clatBins() != null && !d.clatBins().isEmpty()) {
                        d.clatBins().forEach((k, v) -> bins.merge(Double.parseDouble(k), v, Long::sum));
                        from = "JSON+ latency bins in " + copy.source();
                        break;
                    }
                }
                if (from == null) {
                    from = "percentiles fio printed in " + run.row().source();
                }
                out.add(new Distribution(run, run.row().job(), run.row().dir(), from, bins, run.row().direction().clatPercentiles()));
            }
            if (out.stream().allMatch(x -> x.bins().isEmpty()) && pick.line() == null && pick.run() == null) {
                Distribution fromLog = fromSamples(session, pick.job(), pick.dir());
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
        return new Distribution(null, job, dir == null ? "all" : dir, "samples of the fio log '" + job + "'", us, null);
    }
}
