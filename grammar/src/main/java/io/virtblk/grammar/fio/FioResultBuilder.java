package io.virtblk.grammar.fio;

import io.virtblk.event.FioEvent;
import io.virtblk.event.FioEvent.Stat;
import io.virtblk.event.Origin;
import io.virtblk.grammar.fio.FioParser.*;
import io.virtblk.input.Diagnostic;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gathers the lines of one fio job result ({@code NAME: (groupid=0, jobs=1): err= 0: pid=...}
 * down to {@code latency :}) into a {@link FioEvent.JobResult}, converting every value to bytes
 * and microseconds.
 */
final class FioResultBuilder {

    record Done(FioEvent.JobResult event, int lines, List<Diagnostic> problems) {
    }

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private boolean open;
    private Origin at;
    private StringBuilder raw;
    private int lines;
    private String job;
    private int group;
    private int jobs;
    private int err;
    private String errDetail;
    private Integer pid;
    private LocalDateTime start;
    private final List<Dir> dirs = new ArrayList<>();
    private Dir dir;
    private String percentileUnit;
    private String percentileSource;
    private Map<String, Double> latBuckets;
    private FioEvent.Cpu cpu;
    private Map<String, Double> depths;
    private Map<String, Double> submit;
    private Map<String, Double> complete;
    private FioEvent.Issued issued;
    private Map<String, String> latencyTarget;
    private final List<Diagnostic> problems = new ArrayList<>();

    /** A direction being filled in. */
    private static final class Dir {
        String name;
        Long io;
        Double bw;
        Double iops;
        Long runtime;
        Stat slat;
        Stat clat;
        Stat lat;
        Map<String, Double> percentiles;
        String percentileSource;
        Stat bwStat;
        Stat iopsStat;
        Long zoneResets;

        FioEvent.DirResult done() {
            return new FioEvent.DirResult(name, io, bw, iops, runtime, slat, clat, lat, percentiles, percentileSource, bwStat,
                    iopsStat, zoneResets);
        }
    }

    boolean open() {
        return open;
    }

    String job() {
        return job;
    }

    /** Opens a result from its header line; returns the job's start time (null when fio did not print one). */
    LocalDateTime start(String job, Fields inner, JobLineContext c, String text, Origin at, String version) {
        open = true;
        this.at = at;
        this.raw = new StringBuilder(text);
        this.lines = 1;
        this.job = job;
        this.group = (int) FioUnits.count(inner.value("groupid"));
        String j = inner.value("jobs");
        this.jobs = j == null ? 1 : (int) FioUnits.count(j);
        this.err = 0;
        this.errDetail = null;
        this.pid = null;
        this.start = null;
        dirs.clear();
        dir = null;
        percentileUnit = null;
        latBuckets = null;
        cpu = null;
        depths = submit = complete = null;
        issued = null;
        latencyTarget = null;
        problems.clear();
        for (int i = 0; i < c.segment().size(); i++) {
            Fields f = Fields.of(text, c.segment(i).fields());
            Fields.Field e = f.get("err");
            if (e != null) {
                err = (int) FioUnits.count(FioOutputReader.firstWord(e.value()));
                int paren = e.value().indexOf('(');
                errDetail = paren < 0 ? null : e.value().substring(paren + 1, e.value().lastIndexOf(')'));
            }
            String p = f.value("pid");
            if (p != null) {
                pid = (int) FioUnits.count(p);
                if (i + 1 < c.segment().size()) {
                    String date = text.substring(c.segment(i + 1).getStart().getStartIndex()).strip();
                    try {
                        start = LocalDateTime.parse(date.replaceAll(" +", " "), CTIME);
                    } catch (DateTimeParseException ex) {
                        problems.add(new Diagnostic(at.source(), at.line(), c.segment(i + 1).getStart().getCharPositionInLine() + 1,
                                "expected the job's start time like 'Fri Nov 11 04:25:30 2016', found " + Diagnostic.quote(date)));
                    }
                }
            }
        }
        return start;
    }

    /** True for the lines that belong inside a job result. */
    boolean accepts(LineContext tree) {
        return tree instanceof DirectionContext || tree instanceof LatencyContext || tree instanceof PercentileHeaderContext
                || tree instanceof PercentileRowContext || tree instanceof BandwidthContext || tree instanceof IopsStatContext
                || tree instanceof CpuContext || tree instanceof DepthsContext || tree instanceof IssuedContext
                || tree instanceof LatencyTargetContext;
    }

    /** Adds a line of the block; a value that is not a number throws before the line is counted. */
    void add(LineContext tree, String text, int line, boolean fio2) {
        switch (tree) {
            case DirectionContext c -> direction(c, text, fio2);
            case LatencyContext c -> latency(c, text, line);
            case PercentileHeaderContext c -> {
                percentileUnit = c.unit.getText();
                percentileSource = c.PCT_HEAD().getText().strip().split(" ")[0];
            }
            case PercentileRowContext c -> percentiles(c, line);
            case BandwidthContext c -> bandwidth(c, text, fio2, line);
            case IopsStatContext c -> {
                if (needDir(line, "iops")) {
                    dir.iopsStat = stat(Fields.of(text, c.fields()), 1);
                }
            }
            case CpuContext c -> {
                Fields f = Fields.of(text, c.fields());
                cpu = new FioEvent.Cpu(num(f, "usr"), num(f, "sys"), whole(f, "ctx"), whole(f, "majf"), whole(f, "minf"));
            }
            case DepthsContext c -> {
                Map<String, Double> m = percentages(Fields.of(text, c.fields()));
                String head = c.DEPTHS_HEAD().getText().strip();
                if (head.startsWith("IO")) {
                    depths = m;
                } else if (head.startsWith("submit")) {
                    submit = m;
                } else {
                    complete = m;
                }
            }
            case IssuedContext c -> issued(Fields.of(text, c.fields()));
            case LatencyTargetContext c -> {
                latencyTarget = new LinkedHashMap<>();
                Fields.of(text, c.fields()).all().forEach((k, v) -> latencyTarget.put(k, v.value()));
            }
            default -> throw new IllegalStateException("not a job result line: " + tree.getClass().getSimpleName());
        }
        lines++;
        raw.append('\n').append(text);
        at = at.through(line);
    }

    private void direction(DirectionContext c, String text, boolean fio2) {
        String head = c.DIR_HEAD().getText().strip();
        Dir dir = new Dir();
        dir.name = head.substring(0, head.length() - 1).strip();
        Fields f = Fields.of(text, c.fields());
        if (f.get("IOPS") != null) {
            // fio 3.x: IOPS=42.7k, BW=167MiB/s (175MB/s)(32.0MiB/192msec); 0 zone resets
            dir.iops = FioUnits.count(f.value("IOPS"));
            Fields.Field bw = f.get("BW");
            dir.bw = FioUnits.bytesPerSecond(FioOutputReader.firstWord(bw.value()), false);
            String v = bw.value();
            String ioRun = v.substring(v.lastIndexOf('(') + 1, v.lastIndexOf(')'));
            int slash = ioRun.lastIndexOf('/');
            dir.io = (long) FioUnits.bytes(ioRun.substring(0, slash), false);
            dir.runtime = (long) FioUnits.millis(ioRun.substring(slash + 1));
            // "; 0 zone resets" follows the BW pair, so it is one of that pair's parts
            for (String part : bw.parts()) {
                if (part.endsWith("zone resets")) {
                    dir.zoneResets = (long) FioUnits.count(FioOutputReader.firstWord(part));
                }
            }
        } else {
            // fio 2.x: io=32768KB, bw=170667KB/s, iops=42666, runt=   192msec
            dir.io = (long) FioUnits.bytes(f.value("io"), true);
            dir.bw = FioUnits.bytesPerSecond(f.value("bw"), true);
            dir.iops = FioUnits.count(f.value("iops"));
            dir.runtime = (long) FioUnits.millis(f.value("runt"));
        }
        // only a direction whose numbers all read takes the following slat/clat/percentile lines
        this.dir = dir;
        dirs.add(dir);
    }

    private void latency(LatencyContext c, String text, int line) {
        String unit = c.unit.getText();
        double scale = FioUnits.microsPer(unit);
        Fields f = Fields.of(text, c.fields());
        if (f.get("min") != null) {
            String which = c.LAT_HEAD().getText().strip();
            if (!needDir(line, which)) {
                return;
            }
            Stat s = stat(f, scale);
            switch (which) {
                case "slat" -> dir.slat = s;
                case "clat" -> dir.clat = s;
                default -> dir.lat = s;
            }
            return;
        }
        if (latBuckets == null) {
            latBuckets = new LinkedHashMap<>();
        }
        for (var e : f.all().entrySet()) {
            String key = e.getKey();
            boolean atLeast = key.startsWith(">=");
            double bound = FioUnits.times(Double.parseDouble(atLeast ? key.substring(2) : key), scale);
            latBuckets.put((atLeast ? ">=" : "") + FioUnits.plain(bound), FioUnits.count(e.getValue().value()));
        }
    }

    private void percentiles(PercentileRowContext c, int line) {
        if (!needDir(line, "percentiles")) {
            return;
        }
        if (percentileUnit == null) {
            problems.add(new Diagnostic(at.source(), line, 1, "expected a 'clat percentiles (usec):' line before the percentile rows"));
            return;
        }
        double scale = FioUnits.microsPer(percentileUnit);
        if (dir.percentiles == null) {
            dir.percentiles = new LinkedHashMap<>();
            dir.percentileSource = percentileSource;
        }
        for (PercentileContext p : c.percentile()) {
            String key = p.KEY().getText();
            key = key.substring(0, key.length() - 1);
            if (key.endsWith("th")) {
                key = key.substring(0, key.length() - 2);
            }
            dir.percentiles.put(key, FioUnits.times(FioUnits.count(p.VALUE().getText()), scale));
        }
    }

    private void bandwidth(BandwidthContext c, String text, boolean fio2, int line) {
        if (!needDir(line, "bw")) {
            return;
        }
        String head = c.BW_HEAD().getText();
        String unit = head.substring(head.indexOf('(') + 1, head.lastIndexOf(')')).replace(" ", "");
        double scale = FioUnits.bytesPerSecond("1" + unit, fio2);
        Fields f = Fields.of(text, c.fields());
        Stat s = stat(f, scale);
        dir.bwStat = new Stat(s.min(), s.max(), s.avg(), s.stdev(), f.get("per") == null ? null : FioUnits.count(f.value("per")), s.samples());
    }

    private void issued(Fields f) {
        issued = new FioEvent.Issued(counts(f.get("total")), counts(f.get("short")),
                counts(f.get("drop") != null ? f.get("drop") : f.get("dropped")));
    }

    /** {@code r=8192/w=0/d=0} or {@code 8192,0,0,0}. */
    private static List<Long> counts(Fields.Field f) {
        if (f == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        if (f.value().startsWith("r=")) {
            for (String p : f.value().split("/")) {
                out.add(Long.parseLong(p.substring(p.indexOf('=') + 1)));
            }
        } else {
            for (String p : f.parts()) {
                out.add((long) FioUnits.count(p));
            }
        }
        return out;
    }

    private boolean needDir(int line, String what) {
        if (dir == null) {
            problems.add(new Diagnostic(at.source(), line, 1, "expected a 'read :' or 'write:' line before '" + what + "'"));
            return false;
        }
        return true;
    }

    private static Stat stat(Fields f, double scale) {
        String samples = f.value("samples");
        return new Stat(scaled(f, "min", scale), scaled(f, "max", scale), scaled(f, "avg", scale), scaled(f, "stdev", scale), null,
                samples == null ? null : (long) FioUnits.count(samples));
    }

    private static Double scaled(Fields f, String key, double scale) {
        Double v = num(f, key);
        return v == null ? null : FioUnits.times(v, scale);
    }

    private static Double num(Fields f, String key) {
        String v = f.value(key);
        return v == null ? null : FioUnits.count(v);
    }

    private static Long whole(Fields f, String key) {
        Double v = num(f, key);
        return v == null ? null : v.longValue();
    }

    private static Map<String, Double> percentages(Fields f) {
        Map<String, Double> m = new LinkedHashMap<>();
        f.all().forEach((k, v) -> m.put(k, FioUnits.count(v.value())));
        return m;
    }


    /** Closes the result; a block without its closing lines (a cut-off file) is reported. */
    Done finish() {
        open = false;
        if (dirs.isEmpty() || cpu == null || issued == null) {
            List<String> missing = new ArrayList<>();
            if (dirs.isEmpty()) {
                missing.add("'read :'/'write:'");
            }
            if (cpu == null) {
                missing.add("'cpu :'");
            }
            if (issued == null) {
                missing.add("'issued :'");
            }
            problems.add(new Diagnostic(at.source(), at.endLine(), 0, "the result of job '" + job + "' ends after line " + at.endLine()
                    + ": expected " + String.join(", ", missing) + " (was the output cut off?)"));
        }
        List<FioEvent.DirResult> done = dirs.stream().map(Dir::done).toList();
        FioEvent.JobResult event = new FioEvent.JobResult(at, raw.toString(), job, group, jobs, err, errDetail, pid, start, done,
                latBuckets, cpu, depths, submit, complete, issued, latencyTarget);
        return new Done(event, lines, List.copyOf(problems));
    }
}
