package io.virtblk.shell.fio;

import io.virtblk.analyzer.JobRow;
import io.virtblk.event.FioEvent;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.FioNumbers;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A job run's completion-latency distribution from the most exact source the loaded files hold
 * ({@link Distribution.Basis}, in order): fio's JSON+ bins, a latency log with one sample per I/O,
 * a histogram log, fio's latency buckets, the percentiles fio printed. A log belongs to a job when
 * it is named after it or the job's options name it ({@code write_lat_log}, {@code write_hist_log});
 * a log that several job runs could own is used for none, saying so. Logs of averaged windows are
 * kept apart, to be shown over time.
 */
final class Distributions {

    private Distributions() {
    }

    /** The distributions of the job runs {@code pick} means, or of the fio log it names when no job has that name. */
    static List<Distribution> of(Session session, JobPick pick) {
        try {
            List<JobRun> all = JobRun.all(session);
            List<JobRun> picked = pick.select(all);
            if (picked.isEmpty() && (pick.line() != null || pick.run() != null)) {
                // a log has no runs or lines of its job to pick from
                throw new CommandException(pick.command() + ": no fio job '" + pick.job() + "' loaded to pick a run of; see 'jobs'");
            }
            if (picked.isEmpty()) {
                return ofLog(session, pick.job(), pick.dir());
            }
            List<Distribution> out = new ArrayList<>();
            for (JobRun run : picked) {
                out.add(ofRun(session, run, all));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Distribution ofRun(Session session, JobRun run, List<JobRun> all) throws IOException {
        JobRow row = run.row();
        FioEvent.DirResult d = row.direction();
        boolean fio2 = FioNumbers.fio2(row.fioVersion());
        List<String> notes = new ArrayList<>();
        List<AveragedLog> averaged = new ArrayList<>();
        Distribution.Shape shape = null;
        Distribution.Basis basis = null;
        String source = null;
        // a copy of the run in another format may hold what the row lacks (text beside JSON+)
        for (JobRow copy : run.copies()) {
            if (copy.direction().clatBins() != null && !copy.direction().clatBins().isEmpty()) {
                TreeMap<Double, Long> bins = new TreeMap<>();
                copy.direction().clatBins().forEach((k, v) -> bins.merge(Double.parseDouble(k), v, Long::sum));
                shape = new Distribution.Counted(bins);
                basis = Distribution.Basis.JSON_PLUS_BINS;
                source = "JSON+ latency bins in " + copy.source();
                break;
            }
        }
        Integer dir = FioLogs.dirNumber(row.dir());
        Long issued = issued(row);
        for (String name : logNames(run)) {
            List<FioLogs.LogFile> samples = FioLogs.samples(session, name, dir);
            List<FioLogs.LogFile> hists = FioLogs.histograms(session, name, dir);
            if (samples.isEmpty() && hists.isEmpty()) {
                continue;
            }
            List<String> owners = owners(name, row.dir(), all);
            if (owners.size() > 1) {
                notes.add("the fio log '" + name + "' is not used: it could be of " + String.join(" or ", owners)
                        + " (a log does not say which run wrote it); load only the log of the run you ask about");
                continue;
            }
            if (samples.size() > 1 || hists.size() > 1) {
                notes.add("the fio log '" + name + "' is not used: " + (samples.size() > 1 ? samples : hists).size()
                        + " loaded files hold it, and which one is this job's is not known; load only one");
                continue;
            }
            if (!samples.isEmpty()) {
                FioLogs.LogFile f = samples.getFirst();
                AveragedLog avg = FioLogs.averaged(session, f, row.options(), fio2);
                if (avg != null) {
                    averaged.add(avg);
                } else if (shape == null) {
                    shape = new Distribution.Counted(FioLogs.perIo(session, f, fio2));
                    basis = Distribution.Basis.LOG_SAMPLES;
                    source = "samples of the fio log '" + name + "' (" + f.file() + ")" + (f.kind().equals("lat") ? ", total latency (lat)" : "");
                    countCheck(notes, "the log", f.samples(), issued, row);
                }
            }
            if (!hists.isEmpty() && shape == null) {
                FioLogs.LogFile f = hists.getFirst();
                TreeMap<Double, Long> bins = FioLogs.histogramBins(session, f);
                if (!bins.isEmpty()) {
                    shape = new Distribution.Counted(bins);
                    basis = Distribution.Basis.HISTOGRAM_LOG;
                    source = "the fio histogram log '" + name + "' (" + f.file() + ")";
                    countCheck(notes, "the histogram log", new Distribution.Counted(bins).total(), issued, row);
                }
            }
        }
        if (shape == null) {
            Distribution.Bucketed buckets = LatencyBuckets.of(row.result().latBuckets());
            if (buckets != null && row.result().dirs().size() == 1) {
                shape = buckets;
                basis = Distribution.Basis.LATENCY_BUCKETS;
                source = "fio's latency buckets (its 'lat' lines) in " + row.source();
            } else if (buckets != null) {
                notes.add("fio's latency buckets count the job's " + String.join(" and ", row.result().dirs().stream().map(x -> x.dir() + "s").toList())
                        + " together: not used for its " + row.dir() + "s alone");
            }
        }
        if (shape == null && d.clatPercentiles() != null && !d.clatPercentiles().isEmpty()) {
            shape = new Distribution.Printed(d.clatPercentiles());
            basis = Distribution.Basis.PRINTED_PERCENTILES;
            source = "the percentiles fio printed in " + row.source();
        }
        if (shape == null) {
            basis = Distribution.Basis.NONE;
            source = "nothing: fio printed no latency distribution for it";
        }
        return new Distribution(run, row.job(), row.dir(), basis, source, shape, d.clatPercentiles(), averaged, notes);
    }

    /** The job's name and the log names its options give ({@code write_lat_log=logs/x} writes {@code logs/x_clat.1.log}, named x here). */
    private static Set<String> logNames(JobRun run) {
        Set<String> names = new LinkedHashSet<>();
        names.add(run.row().job());
        for (JobRow copy : run.copies()) {
            for (String key : List.of("write_lat_log", "write_hist_log")) {
                String v = copy.options().get(key);
                if (v != null && !v.isBlank()) {
                    names.add(v.substring(v.lastIndexOf('/') + 1).strip());
                }
            }
        }
        return names;
    }

    /** The job runs (JOB@LINE) that could have written the log {@code name} in direction {@code dir}. */
    private static List<String> owners(String name, String dir, List<JobRun> all) {
        return all.stream().filter(r -> r.row().dir().equals(dir) && logNames(r).contains(name)).map(JobRun::handle).distinct().toList();
    }

    private static Long issued(JobRow row) {
        var issued = row.result().issued();
        Integer i = FioLogs.dirNumber(row.dir());
        return issued == null || issued.total() == null || i == null || i >= issued.total().size() ? null : issued.total().get(i);
    }

    /** A log with another number of I/Os than the job issued may be of another run of it: said, not hidden. */
    private static void countCheck(List<String> notes, String what, long ios, Long issued, JobRow row) {
        if (issued != null && issued > 0 && ios != issued) {
            notes.add(what + " holds " + String.format("%,d", ios) + " I/Os where the job issued " + String.format("%,d", issued) + " "
                    + row.dir() + "s: it may be of another run, or cover part of this one");
        }
    }

    /**
     * A fio log loaded without its job's result, named by its log name: samples of every direction
     * together unless {@code dir} names one, as in fio's own log.
     */
    private static List<Distribution> ofLog(Session session, String name, String dir) throws IOException {
        Integer d = FioLogs.dirNumber(dir);
        String shown = dir == null ? "all" : dir;
        List<Distribution> out = new ArrayList<>();
        List<FioLogs.LogFile> samples = FioLogs.samples(session, name, d);
        for (FioLogs.LogFile f : samples) {
            // without the job's output the version is not known: values are read as fio 3 writes them, ns
            AveragedLog avg = FioLogs.averaged(session, f, Map.of(), false);
            if (avg != null) {
                List<AveragedLog> perDir = new ArrayList<>();
                for (String one : dir == null ? List.of("read", "write", "trim") : List.of(dir)) {
                    List<AveragedLog.Point> points = avg.points().stream().filter(p -> p.dir().equals(one)).toList();
                    if (!points.isEmpty()) {
                        perDir.add(new AveragedLog(avg.log(), avg.kind(), avg.file(), one, points.size(), avg.intervalMs(), avg.regular(),
                                avg.evidence(), avg.inferred(), avg.value(), points));
                    }
                }
                out.add(new Distribution(null, name, shown, Distribution.Basis.NONE, "averaged samples of the fio log '" + name + "' (" + f.file() + ")",
                        null, null, perDir, List.of()));
            } else {
                out.add(new Distribution(null, name, shown, Distribution.Basis.LOG_SAMPLES, "samples of the fio log '" + name + "' (" + f.file()
                        + ")", new Distribution.Counted(FioLogs.perIo(session, f, false)), null, List.of(),
                        List.of("values read as nanoseconds, as fio 3 writes them (fio 2 wrote microseconds); load the job's output to know its version")));
            }
        }
        for (FioLogs.LogFile f : samples.isEmpty() ? FioLogs.histograms(session, name, d) : List.<FioLogs.LogFile>of()) {
            out.add(new Distribution(null, name, shown, Distribution.Basis.HISTOGRAM_LOG, "the fio histogram log '" + name + "' (" + f.file() + ")",
                    new Distribution.Counted(FioLogs.histogramBins(session, f)), null, List.of(), List.of()));
        }
        return out;
    }
}
