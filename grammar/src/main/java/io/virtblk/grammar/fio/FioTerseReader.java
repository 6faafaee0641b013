package io.virtblk.grammar.fio;

import io.virtblk.event.FioEvent;
import io.virtblk.event.FioEvent.Stat;
import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.grammar.EventSink;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fio's terse output, versions 2 to 5 (fio HOWTO, "Terse output"): one line per job, fields
 * separated by ';'. Version 2 has no fio version field; version 3 reports read and write,
 * versions 2, 4 and 5 also trim; version 5 adds bandwidth samples and IOPS statistics to each
 * direction; versions 3 to 5 end with disk utilisation. Sizes are KiB, bandwidth KiB/s, times µs.
 */
public final class FioTerseReader {

    /** Separators after the version (and fio's version) that make a line terse, even one cut off (then it is diagnosed). */
    private static final int MIN_FIELDS = 5;

    private static final String[] PERCENTILE_KEYS = {"1.00", "5.00", "10.00", "20.00", "30.00", "40.00", "50.00", "60.00", "70.00",
        "80.00", "90.00", "95.00", "99.00", "99.50", "99.90", "99.95", "99.99"};
    private static final String[] DEPTHS = {"1", "2", "4", "8", "16", "32", ">=64"};
    private static final String[] LAT_US = {"2", "4", "10", "20", "50", "100", "250", "500", "750", "1000"};
    private static final String[] LAT_MS = {"2", "4", "10", "20", "50", "100", "250", "500", "750", "1000", "2000", ">=2000"};

    private final String source;
    private final EventSink sink;

    public FioTerseReader(String source, EventSink sink) {
        this.source = source;
        this.sink = sink;
    }

    /**
     * A terse line: {@code 3;fio-3.33;...} (versions 3 to 5 name fio's version second), or
     * {@code 2;job;...}, with at least five more fields. Scanned by hand, not matched by a regex:
     * a repeated group ({@code ([^;]*;){5,}}) recurses once per field and a line of a few thousand
     * fields overflows the stack; this is asked of every line of every fio input.
     */
    public static boolean isTerse(String line) {
        if (line.length() < 2 || line.charAt(1) != ';') {
            return false;
        }
        char v = line.charAt(0);
        int from;
        if (v == '2') {
            from = 2;
        } else if (v >= '3' && v <= '5' && line.startsWith("fio-", 2)) {
            from = line.indexOf(';', 2) + 1;
            if (from == 0) {
                return false;
            }
        } else {
            return false;
        }
        int fields = 0;
        for (int i = line.indexOf(';', from); i >= 0 && fields < MIN_FIELDS; i = line.indexOf(';', i + 1)) {
            fields++;
        }
        return fields >= MIN_FIELDS;
    }

    public void line(Line line) {
        Cells f = new Cells(line.text().split(";", -1));
        Origin at = Origin.of(source, line.number());
        int version = f.text(0).charAt(0) - '0';
        int dirs = version == 3 ? 2 : 3;
        int perDir = version == 5 ? 47 : 41;
        int header = version == 2 ? 4 : 5;
        int needed = header + dirs * perDir + 5 + 7 + 10 + 12;
        if (f.size() < needed) {
            sink.diagnostic(new Diagnostic(source, line.number(), line.text().length() + 1, "terse v" + version + " line has " + f.size()
                    + " fields, expected at least " + needed + " (was it cut off?)"));
            sink.event(new RawLine(at, line.text(), "fio terse output"), 1);
            return;
        }
        // every field is read before any event leaves: a bad field anywhere makes the line one raw line, counted once
        List<FioEvent> events = new ArrayList<>();
        try {
            int i = 1;
            String fioVersion = version == 2 ? null : f.text(i++);
            String job = f.text(i++);
            int group = (int) f.whole(i++, Integer.MAX_VALUE);
            int err = (int) f.whole(i++, Integer.MAX_VALUE);
            List<FioEvent.DirResult> results = new ArrayList<>();
            String[] names = {"read", "write", "trim"};
            for (int d = 0; d < dirs; d++) {
                FioEvent.DirResult r = dir(names[d], f, i, version);
                i += perDir;
                if (r.ioBytes() != null && r.ioBytes() > 0) {
                    results.add(r);
                }
            }
            FioEvent.Cpu cpu = new FioEvent.Cpu(f.pct(i), f.pct(i + 1), f.whole(i + 2), f.whole(i + 3), f.whole(i + 4));
            i += 5;
            Map<String, Double> depths = new LinkedHashMap<>();
            for (String k : DEPTHS) {
                depths.put(k, f.pct(i++));
            }
            Map<String, Double> buckets = new LinkedHashMap<>();
            for (String k : LAT_US) {
                buckets.put(k, f.pct(i++));
            }
            for (String k : LAT_MS) {
                String us = k.startsWith(">=") ? ">=" + Long.parseLong(k.substring(2)) * 1000 : Long.toString(Long.parseLong(k) * 1000);
                buckets.put(us, f.pct(i++));
            }
            if (fioVersion != null) {
                events.add(new FioEvent.Version(at, line.text(), fioVersion.startsWith("fio-") ? fioVersion.substring(4) : fioVersion));
            }
            events.add(new FioEvent.JobResult(at, line.text(), job, group, 1, err, null, null, null, List.copyOf(results), buckets, cpu,
                    depths, null, null, null, null));
            while (version >= 3 && i + 9 <= f.size() && !f.text(i).isBlank()) {
                events.add(new FioEvent.DiskStats(at, line.text(), f.text(i), List.of(f.whole(i + 1), f.whole(i + 2)),
                        List.of(f.whole(i + 3), f.whole(i + 4)), List.of(f.whole(i + 5), f.whole(i + 6)), null, f.whole(i + 7), f.pct(i + 8)));
                i += 9;
            }
        } catch (BadField e) {
            sink.diagnostic(new Diagnostic(source, line.number(), e.column(), "terse v" + version + " line: " + e.getMessage()));
            sink.event(new RawLine(at, line.text(), "fio terse output"), 1);
            return;
        }
        // the line is the job result's; the version and disk stats on it cover no line of their own
        for (FioEvent e : events) {
            sink.event(e, e instanceof FioEvent.JobResult ? 1 : 0);
        }
    }

    private static FioEvent.DirResult dir(String name, Cells f, int i, int version) {
        long io = f.whole(i, Long.MAX_VALUE / 1024) * 1024;
        double bw = f.num(i + 1) * 1024;
        double iops = f.num(i + 2);
        long runtime = f.whole(i + 3);
        Stat slat = stat(f, i + 4);
        Stat clat = stat(f, i + 8);
        Map<String, Double> pct = new LinkedHashMap<>();
        for (int k = 0; k < 20; k++) {
            String cell = f.text(i + 12 + k);
            int eq = cell.indexOf('=');
            if (eq > 0) {
                String key = String.format(java.util.Locale.ROOT, "%.2f", f.num(i + 12 + k, cell.substring(0, eq).replace("%", "")));
                double v = f.num(i + 12 + k, cell.substring(eq + 1));
                if (!key.equals("0.00")) {
                    pct.put(key, v);
                }
            }
        }
        Stat lat = stat(f, i + 32);
        int b = i + 36;
        Stat bwStat = new Stat(f.num(b) * 1024, f.num(b + 1) * 1024, f.num(b + 3) * 1024, f.num(b + 4) * 1024, f.pct(b + 2),
                version == 5 ? f.whole(b + 5) : null);
        Stat iopsStat = version == 5 ? new Stat(f.num(b + 6), f.num(b + 7), f.num(b + 8), f.num(b + 9), null, f.whole(b + 10)) : null;
        return new FioEvent.DirResult(name, io, bw, iops, runtime, slat, clat, lat, pct.isEmpty() ? null : pct, "clat", bwStat, iopsStat,
                null);
    }

    private static Stat stat(Cells f, int i) {
        return new Stat(f.num(i), f.num(i + 1), f.num(i + 2), f.num(i + 3), null, null);
    }

    /** A terse line's fields; a field that is not the number expected is a {@link BadField} naming it and its column. */
    private record Cells(String[] fields) {

        int size() {
            return fields.length;
        }

        String text(int i) {
            return fields[i];
        }

        /** A percentage ({@code 31.40%}) as its number. */
        double pct(int i) {
            return num(i, fields[i].replace("%", ""));
        }

        double num(int i) {
            return num(i, fields[i]);
        }

        /** {@code text}, part of field {@code i}, as a number; an empty field is 0 (fio leaves fields it has no value for empty). */
        double num(int i, String text) {
            String t = text.strip();
            if (t.isEmpty()) {
                return 0;
            }
            try {
                double v = Double.parseDouble(t);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(i, "a number");
        }

        long whole(int i) {
            return whole(i, Long.MAX_VALUE);
        }

        /** A whole number up to {@code max}; fio writes some counts as decimals ("0.000000"), which are taken when whole. */
        long whole(int i, long max) {
            double v = num(i);
            if (v != Math.rint(v) || Math.abs(v) > max || !(Math.abs(v) < 0x1p63)) {
                throw bad(i, "a whole number" + (max == Long.MAX_VALUE ? " below 2^63" : " up to " + max));
            }
            return (long) v;
        }

        private BadField bad(int i, String expected) {
            int column = 1;
            for (int k = 0; k < i; k++) {
                column += fields[k].length() + 1;
            }
            return new BadField(column, "expected " + expected + " in field " + (i + 1) + ", found " + Diagnostic.quote(fields[i]));
        }
    }
}
