package io.virtblk.analyzer;

import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.load.LoadedSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins fio's events of a source into {@link JobRow}s. A fio run is the stretch from its job
 * headers to its disk stats; the header of the same job name gives rw and the options, the run's
 * version line the version, the run's disk stats belong to every job of the run. Runs are numbered
 * from 1 in the order their results appear. fio's JSON gives every job a header of its own and
 * terse output every job a line with the version: a document, or terse lines in a row, are one run.
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
                    // fio's JSON gives each job its header just before its result: the document's version line starts its run
                    if (resultsSeen && format(h.raw()) != 'j') {
                        runs.close();
                        headers.clear();
                        resultsSeen = false;
                    }
                    headers.put(h.job(), h);
                }
                case FioEvent.Version v -> {
                    // terse output is a line per job, each with its version: lines in a row are one run's jobs
                    if (resultsSeen && !(format(v.raw()) == 't' && runs.lastFormat() == 't')) {
                        runs.close();
                        headers.clear();
                        resultsSeen = false;
                    }
                    version = v.version();
                }
                case FioEvent.JobResult r -> {
                    // terse lines repeat the run's disk stats on each job's line: they end no terse run
                    boolean terseRun = format(r.raw()) == 't' && runs.lastFormat() == 't';
                    if ((!runs.disks.isEmpty() && !terseRun) || runs.otherFormat(r)) {
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

        /**
         * True when {@code r} is written in another format than the run's results so far: the
         * normal report that follows the JSON document of {@code --output-format=normal,json} is
         * the same run again, and with no disk stats between them nothing else ends the first.
         */
        boolean otherFormat(FioEvent.JobResult r) {
            return !open.isEmpty() && lastFormat() != format(r.raw());
        }

        /** The format of the run's last result so far; 0 when it has none. */
        char lastFormat() {
            return open.isEmpty() ? 0 : format(open.getLast().result().raw());
        }

        void close() {
            if (!open.isEmpty()) {
                number++;
                // one device once, though terse output gives it again with each job
                Map<List<Object>, FioEvent.DiskStats> distinct = new LinkedHashMap<>();
                disks.forEach(x -> distinct.putIfAbsent(java.util.Arrays.asList(x.device(), x.ios(), x.merge(), x.ticks(), x.inQueue(), x.util()), x));
                List<FioEvent.DiskStats> d = List.copyOf(distinct.values());
                for (JobRow r : open) {
                    rows.add(new JobRow(r.source(), r.line(), r.job(), r.group(), r.rw(), r.dir(), r.fioVersion(), r.err(), r.pid(),
                            r.startTime(), r.result(), r.direction(), d, number, r.error(), r.options()));
                }
            }
            open.clear();
            disks.clear();
        }
    }

    /** 'j' JSON, 't' terse, 'n' normal output: told by the text an event was read from. */
    private static char format(String text) {
        String raw = text == null ? "" : text.stripLeading();
        if (raw.startsWith("{")) {
            return 'j';
        }
        // a terse line starts with its version: "3;fio-3.33;name;..."
        return raw.length() > 1 && raw.charAt(0) >= '1' && raw.charAt(0) <= '5' && raw.charAt(1) == ';' ? 't' : 'n';
    }

    /**
     * One row per job run: a run saved in two formats at once (normal,json; text and terse in one
     * capture) has the same job name, direction and start time in both, and counts once. The
     * first copy in load order stays; {@code copies} tells how many there were.
     */
    public static List<JobRow> dedupe(List<JobRow> rows, Map<JobRow, Integer> copies) {
        List<JobRow> out = new ArrayList<>();
        for (List<JobRow> same : copies(rows)) {
            out.add(same.getFirst());
            copies.put(same.getFirst(), same.size());
        }
        return out;
    }

    /**
     * The rows grouped by job run, in load order, each group the copies of one job run in one
     * direction (first seen first). Rows are copies when job, direction and start time agree, and
     * they come from different runs (the {@code numjobs} clones of one run share name and start
     * time, but are different jobs) and name no different pids.
     */
    public static List<List<JobRow>> copies(List<JobRow> rows) {
        List<List<JobRow>> groups = new ArrayList<>();
        Map<String, List<List<JobRow>>> byKey = new LinkedHashMap<>();
        for (JobRow r : rows) {
            if (r.startTime() == null) {
                groups.add(new ArrayList<>(List.of(r)));
                continue;
            }
            List<List<JobRow>> candidates = byKey.computeIfAbsent(r.job() + "|" + r.dir() + "|" + r.startTime(), k -> new ArrayList<>());
            List<JobRow> group = candidates.stream().filter(g -> g.stream().allMatch(o -> copyOf(o, r))).findFirst().orElse(null);
            if (group == null) {
                group = new ArrayList<>();
                candidates.add(group);
                groups.add(group);
            }
            group.add(r);
        }
        return groups;
    }

    private static boolean copyOf(JobRow a, JobRow b) {
        boolean sameRun = a.source().equals(b.source()) && a.run() == b.run();
        boolean otherPid = a.pid() != null && b.pid() != null && !a.pid().equals(b.pid());
        return !sameRun && !otherPid;
    }
}
