package io.virtblk.analyzer;

import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.load.LoadedSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins fio's events of a source into {@link JobRow}s. A fio run is the stretch from its job
 * headers to its disk stats; the header of the same job name gives rw and the options, the run's
 * version line the version, the run's disk stats belong to every job of the run. Runs are numbered
 * from 1 in the order their results appear.
 */
public final class JobTable {

    private JobTable() {
    }

    public static List<JobRow> of(LoadedSource source) {
        return of(source.name(), source.events());
    }

    /** Rows from one source's events in input order; only fio events are looked at. */
    public static List<JobRow> of(String sourceName, List<? extends Event> events) {
        Runs runs = new Runs();
        Map<String, FioEvent.JobHeader> headers = new HashMap<>();
        List<FioEvent.Notice> errors = new ArrayList<>();
        String version = null;
        boolean resultsSeen = false;
        for (Event e : events) {
            if (!(e instanceof FioEvent f)) {
                continue;
            }
            switch (f) {
                case FioEvent.JobHeader h -> {
                    if (resultsSeen) {
                        runs.close();
                        headers.clear();
                        resultsSeen = false;
                    }
                    headers.put(h.job(), h);
                }
                case FioEvent.Version v -> {
                    if (resultsSeen) {
                        runs.close();
                        headers.clear();
                        resultsSeen = false;
                    }
                    version = v.version();
                }
                case FioEvent.JobResult r -> {
                    if (!runs.disks.isEmpty()) {
                        runs.close();
                    }
                    resultsSeen = true;
                    FioEvent.JobHeader h = headers.get(r.job());
                    for (FioEvent.DirResult d : r.dirs()) {
                        runs.open.add(new JobRow(sourceName, r.at().line(), r.job(), r.group(), h == null ? null : h.rw(), d.dir(), version,
                                r.err(), r.pid(), r.startTime(), r, d, List.of(), 0, null,
                                h == null || h.options() == null ? Map.of() : h.options()));
                    }
                }
                case FioEvent.DiskStats d -> runs.disks.add(d);
                case FioEvent.Notice n -> {
                    if (n.kind() == FioEvent.NoticeKind.ERROR) {
                        errors.add(n);
                    }
                }
                default -> { }
            }
        }
        runs.close();
        List<JobRow> out = new ArrayList<>(runs.rows.size());
        for (JobRow r : runs.rows) {
            // the error line may come after the result (stderr and stdout interleave), so texts are found at the end
            String error = r.err() == 0 ? null : Objects.requireNonNullElse(FioErrors.ofDetail(r.result().errDetail()),
                    Objects.requireNonNullElse(FioErrors.ofNotices(errors, r.err(), r.pid()), ""));
            out.add(new JobRow(r.source(), r.line(), r.job(), r.group(), r.rw(), r.dir(), r.fioVersion(), r.err(), r.pid(), r.startTime(),
                    r.result(), r.direction(), r.diskStats(), r.run(), error == null || error.isEmpty() ? null : error, r.options()));
        }
        return out;
    }

    /** The rows of the run being read and of the runs closed so far. */
    private static final class Runs {
        final List<JobRow> rows = new ArrayList<>();
        final List<JobRow> open = new ArrayList<>();
        final List<FioEvent.DiskStats> disks = new ArrayList<>();
        int number;

        void close() {
            if (!open.isEmpty()) {
                number++;
                List<FioEvent.DiskStats> d = List.copyOf(disks);
                for (JobRow r : open) {
                    rows.add(new JobRow(r.source(), r.line(), r.job(), r.group(), r.rw(), r.dir(), r.fioVersion(), r.err(), r.pid(),
                            r.startTime(), r.result(), r.direction(), d, number, r.error(), r.options()));
                }
            }
            open.clear();
            disks.clear();
        }
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
}
