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

    /**
     * fio has 32 latency buckets (10 in ns, 10 in µs, 12 in ms), 7 depths and at most 20
     * percentiles (FIO_IO_U_LIST_MAX_LEN);
     * many more is damage (a 140 KB {@code submit :} line), and every entry would be stored with
     * the result and read back by {@code jobs} and {@code export}.
     */
    private static final int MAX_ENTRIES = 64;
    private static final String DIRECTION_BW = "BW=RATE (RATE)(SIZE/TIME)";
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

    /**
     * Opens a result from its header line; returns the job's start time (null when fio did not
     * print one). The header's numbers are read before anything is opened: one that does not read
     * throws and leaves no result open.
     */
    LocalDateTime start(String job, Fields inner, JobLineContext c, String text, Origin at, String version) {
        int group = FioUnits.wholeInt(inner.value("groupid"));
        String j = inner.value("jobs");
        int jobs = j == null ? 1 : FioUnits.wholeInt(j);
        int err = 0;
        String errDetail = null;
        Integer pid = null;
        LocalDateTime start = null;
        List<Diagnostic> found = new ArrayList<>();
        for (int i = 0; i < c.segment().size(); i++) {
            Fields f = Fields.of(text, c.segment(i).fields());
            Fields.Field e = f.get("err");
            if (e != null) {
                err = FioUnits.wholeInt(FioOutputReader.firstWord(e.value()));
                int paren = e.value().indexOf('(');
                int close = e.value().lastIndexOf(')');
                errDetail = paren < 0 || close < paren ? null : e.value().substring(paren + 1, close);
            }
            String p = f.value("pid");
            if (p != null) {
                pid = FioUnits.wholeInt(p);
                if (i + 1 < c.segment().size()) {
                    String date = text.substring(c.segment(i + 1).getStart().getStartIndex()).strip();
                    try {
                        start = LocalDateTime.parse(date.replaceAll(" +", " "), CTIME);
                    } catch (DateTimeParseException ex) {
                        found.add(new Diagnostic(at.source(), at.line(), c.segment(i + 1).getStart().getCharPositionInLine() + 1,
                                "expected the job's start time like 'Fri Nov 11 04:25:30 2016', found " + Diagnostic.quote(date)));
                    }
                }
            }
        }
        open = true;
        this.at = at;
        this.raw = new StringBuilder(text);
        this.lines = 1;
        this.job = job;
        this.group = group;
        this.jobs = jobs;
        this.err = err;
        this.errDetail = errDetail;
        this.pid = pid;
        this.start = start;
        dirs.clear();
        dir = null;
        percentileUnit = null;
        latBuckets = null;
        cpu = null;
        depths = submit = complete = null;
        issued = null;
        latencyTarget = null;
        problems.clear();
        problems.addAll(found);
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
                Map<String, Double> m = depths(Fields.of(text, c.fields()));
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
            Fields.Field bw = f.require("BW", DIRECTION_BW);
            dir.bw = FioUnits.bytesPerSecond(FioOutputReader.firstWord(bw.value()), false);
            String v = bw.value();
            // the last of two bracketed groups: "(375MB/s)(1072MiB/3001msec)"
            int open = v.lastIndexOf('(');
            int close = v.lastIndexOf(')');
            int slash = open <= v.indexOf('(') || close < open ? -1 : v.lastIndexOf('/', close);
            if (slash <= open) {
                throw Fields.bad(bw, "'" + DIRECTION_BW + "'");
            }
            String io = v.substring(open + 1, slash);
            String runtime = v.substring(slash + 1, close);
            dir.io = FioUnits.whole(FioUnits.bytes(io, false), io);
            dir.runtime = FioUnits.whole(FioUnits.millis(runtime), runtime);
            // "; 0 zone resets" follows the BW pair, so it is one of that pair's parts
            for (String part : bw.parts()) {
                if (part.endsWith("zone resets")) {
                    dir.zoneResets = FioUnits.whole(FioUnits.count(FioOutputReader.firstWord(part)), part);
                }
            }
        } else if (f.get("io") != null) {
            // fio 2.x: io=32768KB, bw=170667KB/s, iops=42666, runt=   192msec
            String io = f.value("io");
            String runt = f.requireValue("runt", "runt=TIME");
            dir.io = FioUnits.whole(FioUnits.bytes(io, true), io);
            dir.bw = FioUnits.bytesPerSecond(f.requireValue("bw", "bw=RATE"), true);
            dir.iops = FioUnits.count(f.requireValue("iops", "iops=N"));
            dir.runtime = FioUnits.whole(FioUnits.millis(runt), runt);
        } else {
            throw new BadField(text.length() + 1, "expected 'IOPS=N, BW=RATE (RATE)(SIZE/TIME)' (fio 3) or 'io=SIZE, bw=RATE, iops=N, "
                    + "runt=TIME' (fio 2) in this line, found neither 'IOPS=' nor 'io='");
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
        // lat (usec)   : 50=0.02%, 100=0.07%, 250=98.21%: a bucket's upper bound, the share of I/Os in it
        Map<String, Double> read = new LinkedHashMap<>();
        for (Fields.Field b : f.all().values()) {
            boolean atLeast = b.key().startsWith(">=");
            double bound = FioUnits.times(number(b, atLeast ? b.key().substring(2) : b.key(), "a bucket bound like '250=1.18%'"), scale);
            read.put((atLeast ? ">=" : "") + FioUnits.plain(bound), FioUnits.count(b.value()));
        }
        int buckets = (latBuckets == null ? 0 : latBuckets.size()) + read.size();
        if (buckets > MAX_ENTRIES) {
            throw new BadField(1, "expected at most " + MAX_ENTRIES + " latency buckets in a job result (fio has 32), found " + buckets);
        }
        if (latBuckets == null) {
            latBuckets = new LinkedHashMap<>();
        }
        latBuckets.putAll(read);
    }

    /** A key's number; a {@link BadField} at the key, saying {@code expected}, when it is none. */
    private static double number(Fields.Field f, String text, String expected) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Fields.bad(f, expected);
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
        Map<String, Double> row = new LinkedHashMap<>();
        for (PercentileContext p : c.percentile()) {
            String key = p.KEY().getText();
            key = key.substring(0, key.length() - 1);
            if (key.endsWith("th")) {
                key = key.substring(0, key.length() - 2);
            }
            if (!isPercent(key)) {
                throw new BadField(p.KEY().getSymbol().getCharPositionInLine() + 1, "expected a percentile like '99.90th=[ 3163]', found "
                        + Diagnostic.quote(p.KEY().getText()));
            }
            row.put(key, FioUnits.times(FioUnits.count(p.VALUE().getText()), scale));
        }
        int entries = (dir.percentiles == null ? 0 : dir.percentiles.size()) + row.size();
        if (entries > MAX_ENTRIES) {
            throw new BadField(1, "expected at most " + MAX_ENTRIES + " percentiles in a direction (fio prints up to 20), found " + entries);
        }
        if (dir.percentiles == null) {
            dir.percentiles = new LinkedHashMap<>();
            dir.percentileSource = percentileSource;
        }
        dir.percentiles.putAll(row);
    }

    /** {@code 99.90}: a number from 0 to 100, written as fio writes it (no exponent, a few decimals). */
    private static boolean isPercent(String key) {
        if (key.isEmpty() || key.length() > 12 || !key.chars().allMatch(ch -> ch == '.' || (ch >= '0' && ch <= '9'))) {
            return false;
        }
        try {
            double v = Double.parseDouble(key);
            return v >= 0 && v <= 100;
        } catch (NumberFormatException e) {
            return false;
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
                out.add(FioUnits.wholeNumber(p.substring(p.indexOf('=') + 1)));
            }
        } else {
            for (String p : f.parts()) {
                out.add(FioUnits.whole(FioUnits.count(p), p));
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
        return v == null ? null : FioUnits.whole(v, f.value(key));
    }

    /** {@code 1=0.1%, 2=0.1%, ..., >=64=0.0%}: the share of I/Os at each I/O depth. */
    private static Map<String, Double> depths(Fields f) {
        if (f.all().size() > MAX_ENTRIES) {
            Fields.Field past = List.copyOf(f.all().values()).get(MAX_ENTRIES);
            throw new BadField(past.column() + 1, "expected at most " + MAX_ENTRIES + " I/O depths in a line (fio prints 7), found "
                    + f.all().size());
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (Fields.Field d : f.all().values()) {
            String depth = d.key().startsWith(">=") ? d.key().substring(2) : d.key();
            if (depth.isEmpty() || depth.length() > 9 || !depth.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw Fields.bad(d, "an I/O depth like '4=100.0%' or '>=64=0.0%'");
            }
            m.put(d.key(), FioUnits.count(d.value()));
        }
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
