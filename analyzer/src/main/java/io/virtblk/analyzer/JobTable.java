package io.virtblk.analyzer;

import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.load.LoadedSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins fio's events of a source into {@link JobRow}s. A fio run is the stretch from its job
 * headers to its disk stats; the header of the same job name gives rw, the run's version line
 * the version, the run's disk stats belong to every job of the run.
 */
public final class JobTable {

    private JobTable() {
    }

    public static List<JobRow> of(LoadedSource source) {
        return of(source.name(), source.events());
    }

    /** Rows from one source's events in input order; only fio events are looked at. */
    public static List<JobRow> of(String sourceName, List<? extends Event> events) {
        List<JobRow> rows = new ArrayList<>();
        List<JobRow> run = new ArrayList<>();
        Map<String, String> rw = new HashMap<>();
        String version = null;
        List<FioEvent.DiskStats> disks = new ArrayList<>();
        boolean resultsSeen = false;
        for (Event e : events) {
            if (!(e instanceof FioEvent f)) {
                continue;
            }
            switch (f) {
                case FioEvent.JobHeader h -> {
                    if (resultsSeen) {
                        close(rows, run, disks);
                        rw.clear();
                        resultsSeen = false;
                    }
                    rw.put(h.job(), h.rw());
                }
                case FioEvent.Version v -> {
                    if (resultsSeen) {
                        close(rows, run, disks);
                        rw.clear();
                        resultsSeen = false;
                    }
                    version = v.version();
                }
                case FioEvent.JobResult r -> {
                    if (!disks.isEmpty()) {
                        close(rows, run, disks);
                    }
                    resultsSeen = true;
                    for (FioEvent.DirResult d : r.dirs()) {
                        run.add(new JobRow(sourceName, r.at().line(), r.job(), r.group(), rw.get(r.job()), d.dir(), version, r.err(),
                                r.pid(), r.startTime(), r, d, List.of()));
                    }
                }
                case FioEvent.DiskStats d -> disks.add(d);
                default -> { }
            }
        }
        close(rows, run, disks);
        return rows;
    }

    /**
     * One row per job run: a run saved in two formats at once (normal,json; text and terse in one
     * capture) has the same job name, direction and start time in both, and counts once. The
     * first copy in load order stays; {@code copies} tells how many there were.
     */
    public static List<JobRow> dedupe(List<JobRow> rows, java.util.Map<JobRow, Integer> copies) {
        java.util.Map<String, JobRow> first = new java.util.LinkedHashMap<>();
        List<JobRow> out = new ArrayList<>();
        for (JobRow r : rows) {
            if (r.startTime() == null) {
                out.add(r);
                copies.put(r, 1);
                continue;
            }
            String key = r.job() + "|" + r.dir() + "|" + r.startTime();
            JobRow kept = first.get(key);
            if (kept == null) {
                first.put(key, r);
                out.add(r);
                copies.put(r, 1);
            } else {
                copies.merge(kept, 1, Integer::sum);
            }
        }
        return out;
    }

    private static void close(List<JobRow> rows, List<JobRow> run, List<FioEvent.DiskStats> disks) {
        List<FioEvent.DiskStats> d = List.copyOf(disks);
        for (JobRow r : run) {
            rows.add(new JobRow(r.source(), r.line(), r.job(), r.group(), r.rw(), r.dir(), r.fioVersion(), r.err(), r.pid(), r.startTime(),
                    r.result(), r.direction(), d));
        }
        run.clear();
        disks.clear();
    }
}
