package io.virtblk.shell.fio;

import io.virtblk.analyzer.JobRow;
import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.event.FioEvent;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.FioNumbers;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code jobs [--json]}: one row per fio job and direction. */
public final class JobsCommand implements Command {

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public String synopsis() {
        return "jobs [--json]";
    }

    @Override
    public String summary() {
        return "fio jobs per direction: iops, bandwidth, runtime, latency, disk stats";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of("--json"), Set.of());
        List<JobRun> runs = JobRun.all(session);
        var out = session.out();
        if (a.flag("--json")) {
            out.println(Json.write(runs.stream().map(r -> {
                Map<String, Object> m = row(r.row());
                        m.put("copies", r.copies().size());
                return m;
            }).toList()));
        } else if (runs.isEmpty()) {
            out.println("no fio job results loaded");
        } else {
            table(runs, session);
        }
        out.flush();
    }

    private static final String[] HEADER = {"job", "dir", "rw", "iops", "bw", "runt", "clat avg", "clat p99", "err", "run", "start", "at"};
    /** Columns whose values line up on the left; numbers line up on the right. */
    private static final Set<Integer> LEFT = Set.of(0, 1, 2, 10, 11);
    /** A job name longer than this runs over its column instead of pushing every row right. */
    private static final int JOB_WIDTH = 32;

    /**
     * The rows with a gutter that marks a failed job ({@code !}) and, under such a row, fio's
     * error; each row ends with where it was read ({@code FILE:LINE}), so two runs of one job
     * name read apart and {@code latency JOB@LINE} can name either.
     */
    private static void table(List<JobRun> runs, Session session) {
        List<String[]> cells = new ArrayList<>();
        for (JobRun run : runs) {
            JobRow r = run.row();
            FioEvent.DirResult d = r.direction();
            Double p99 = d.clatPercentiles() == null ? null : d.clatPercentiles().get("99.00");
            boolean fio2 = FioNumbers.fio2(r.fioVersion());
            cells.add(new String[] {r.job(), r.dir(), r.rw() == null ? "-" : r.rw(), FioNumbers.iops(d.iops()), FioNumbers.bandwidth(d.bwBytesPerS()),
                FioNumbers.runtime(d.runtimeMs()), d.clat() == null ? "-" : FioNumbers.latency(d.clat().avg(), FioNumbers.Unit.ofLine(d.clat(), fio2)),
                p99 == null ? "-" : FioNumbers.percentile(p99, FioNumbers.Unit.ofPercentiles(d.clatPercentiles().values(), fio2)),
                Integer.toString(r.err()), Integer.toString(r.run()), r.startTime() == null ? "-" : time(r.startTime()), r.source() + ":" + r.line()});
        }
        int[] width = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            width[c] = HEADER[c].length();
            for (String[] row : cells) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        width[0] = Math.min(width[0], JOB_WIDTH);
        width[HEADER.length - 1] = 0; // the last column is not padded
        var out = session.out();
        out.println("  " + line(HEADER, width));
        boolean anyFailed = false;
        for (int i = 0; i < runs.size(); i++) {
            JobRow r = runs.get(i).row();
            String line = (r.failed() ? "! " : "  ") + line(cells.get(i), width);
            out.println(r.failed() ? Style.red(session.settings(), line) : line);
            if (r.failed()) {
                anyFailed = true;
                out.println("    " + errorLine(r.err(), runs.get(i).error()));
            }
        }
        if (anyFailed) {
            out.println("! the job ended with an error: its numbers cover only the I/O it did before it stopped");
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(Math.max(0, width[c] - cells[c].length()));
            sb.append(LEFT.contains(c) ? cells[c] + pad : pad + cells[c]);
        }
        return sb.toString().stripTrailing();
    }

    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** A start time as people write it, seconds always: {@code 2026-11-26 07:05:00}. */
    static String time(java.time.LocalDateTime t) {
        return t.format(SHOWN);
    }

    /** Every fio job row of every loaded source, source by source, not yet de-duplicated. */
    static List<JobRow> rows(Session session) {
        List<JobRow> rows = new java.util.ArrayList<>();
        try {
            for (var source : session.store().summaries()) {
                var events = session.store().kept("source:" + EventQueries.quote(source.name())
                        + " AND type:(fio_job OR fio_version OR fio_result OR fio_disk OR fio_notice)");
                rows.addAll(io.virtblk.analyzer.JobTable.of(source.name(), events));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rows;
    }

    /** {@code err=28: No space left on device}, as fio words it; the number alone when fio printed no text for it. */
    static String errorLine(int err, String error) {
        return error == null ? "err=" + err + " (fio printed no text for it)" : "err=" + err + ": " + error;
    }

    static Map<String, Object> row(JobRow r) {
        FioEvent.DirResult d = r.direction();
        FioEvent.JobResult res = r.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", r.source());
        m.put("line", r.line());
        m.put("job", r.job());
        m.put("run", r.run());
        m.put("group", r.group());
        m.put("rw", r.rw());
        m.put("dir", r.dir());
        m.put("fio_version", r.fioVersion());
        m.put("err", r.err());
        m.put("err_detail", res.errDetail());
        m.put("error", r.error());
        m.put("pid", r.pid());
        m.put("jobs", res.jobs());
        // ISO 8601 with the seconds always (toString leaves out ":00")
        m.put("start_time", r.startTime() == null ? null : r.startTime().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        m.put("io_bytes", d.ioBytes());
        m.put("bw_bytes_per_s", d.bwBytesPerS());
        m.put("iops", d.iops());
        m.put("runtime_ms", d.runtimeMs());
        m.put("slat_us", stat(d.slat()));
        m.put("clat_us", stat(d.clat()));
        m.put("lat_us", stat(d.lat()));
        m.put("clat_percentiles_us", d.clatPercentiles());
        m.put("percentile_source", d.percentileSource());
        m.put("bw_samples_bytes_per_s", stat(d.bw()));
        m.put("iops_samples", stat(d.iopsSamples()));
        m.put("zone_resets", d.zoneResets());
        m.put("lat_buckets", res.latBuckets());
        if (res.cpu() != null) {
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("usr", res.cpu().usr());
            cpu.put("sys", res.cpu().sys());
            cpu.put("ctx", res.cpu().ctx());
            cpu.put("majf", res.cpu().majf());
            cpu.put("minf", res.cpu().minf());
            m.put("cpu", cpu);
        } else {
            m.put("cpu", null);
        }
        m.put("io_depths", res.ioDepths());
        m.put("io_submit", res.submit());
        m.put("io_complete", res.complete());
        if (res.issued() != null) {
            Map<String, Object> issued = new LinkedHashMap<>();
            issued.put("total", res.issued().total());
            issued.put("short", res.issued().shortIos());
            issued.put("dropped", res.issued().dropped());
            m.put("issued", issued);
        } else {
            m.put("issued", null);
        }
        m.put("latency_target", res.latencyTarget());
        List<Map<String, Object>> disks = new ArrayList<>();
        for (FioEvent.DiskStats ds : r.diskStats()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("device", ds.device());
            dm.put("ios", ds.ios());
            dm.put("merge", ds.merge());
            dm.put("ticks", ds.ticks());
            dm.put("in_queue", ds.inQueue());
            dm.put("util", ds.util());
            if (ds.sectors() != null) {
                dm.put("sectors", ds.sectors());
            }
            disks.add(dm);
        }
        m.put("disk_stats", disks.isEmpty() ? null : disks.getFirst());
        m.put("disk_stats_all", disks);
        return m;
    }

    private static Map<String, Object> stat(FioEvent.Stat s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", s.min());
        m.put("max", s.max());
        m.put("avg", s.avg());
        m.put("stdev", s.stdev());
        if (s.percent() != null) {
            m.put("per", s.percent());
        }
        if (s.samples() != null) {
            m.put("samples", s.samples());
        }
        return m;
    }
}
