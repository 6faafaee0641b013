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
        String[] f = line.text().split(";", -1);
        Origin at = Origin.of(source, line.number());
        int version = f[0].charAt(0) - '0';
        int dirs = version == 3 ? 2 : 3;
        int perDir = version == 5 ? 47 : 41;
        int header = version == 2 ? 4 : 5;
        int needed = header + dirs * perDir + 5 + 7 + 10 + 12;
        if (f.length < needed) {
            sink.diagnostic(new Diagnostic(source, line.number(), line.text().length() + 1, "terse v" + version + " line has " + f.length
                    + " fields, expected at least " + needed + " (was it cut off?)"));
            sink.event(new RawLine(at, line.text(), "fio terse output"), 1);
            return;
        }
        try {
            int i = 1;
            String fioVersion = version == 2 ? null : f[i++];
            String job = f[i++];
            int group = Integer.parseInt(f[i++].strip());
            int err = Integer.parseInt(f[i++].strip());
            List<FioEvent.DirResult> results = new ArrayList<>();
            String[] names = {"read", "write", "trim"};
            for (int d = 0; d < dirs; d++) {
                FioEvent.DirResult r = dir(names[d], f, i, version);
                i += perDir;
                if (r.ioBytes() != null && r.ioBytes() > 0) {
                    results.add(r);
                }
            }
            FioEvent.Cpu cpu = new FioEvent.Cpu(pct(f[i]), pct(f[i + 1]), (long) num(f[i + 2]), (long) num(f[i + 3]), (long) num(f[i + 4]));
            i += 5;
            Map<String, Double> depths = new LinkedHashMap<>();
            for (String k : DEPTHS) {
                depths.put(k, pct(f[i++]));
            }
            Map<String, Double> buckets = new LinkedHashMap<>();
            for (String k : LAT_US) {
                buckets.put(k, pct(f[i++]));
            }
            for (String k : LAT_MS) {
                String us = k.startsWith(">=") ? ">=" + Long.parseLong(k.substring(2)) * 1000 : Long.toString(Long.parseLong(k) * 1000);
                buckets.put(us, pct(f[i++]));
            }
            if (fioVersion != null) {
                sink.event(new FioEvent.Version(at, line.text(), fioVersion.startsWith("fio-") ? fioVersion.substring(4) : fioVersion), 0);
            }
            sink.event(new FioEvent.JobResult(at, line.text(), job, group, 1, err, null, null, null, List.copyOf(results), buckets, cpu, depths,
                    null, null, null, null), 1);
            while (version >= 3 && i + 9 <= f.length && !f[i].isBlank()) {
                sink.event(new FioEvent.DiskStats(at, line.text(), f[i], List.of((long) num(f[i + 1]), (long) num(f[i + 2])),
                        List.of((long) num(f[i + 3]), (long) num(f[i + 4])), List.of((long) num(f[i + 5]), (long) num(f[i + 6])), null,
                        (long) num(f[i + 7]), pct(f[i + 8])), 0);
                i += 9;
            }
        } catch (RuntimeException e) {
            sink.diagnostic(new Diagnostic(source, line.number(), 1, "terse v" + version + " line: expected numbers in its fields ("
                    + e.getMessage() + ")"));
            sink.event(new RawLine(at, line.text(), "fio terse output"), 1);
        }
    }

    private static FioEvent.DirResult dir(String name, String[] f, int i, int version) {
        long io = (long) num(f[i]) * 1024;
        double bw = num(f[i + 1]) * 1024;
        double iops = num(f[i + 2]);
        long runtime = (long) num(f[i + 3]);
        Stat slat = stat(f, i + 4);
        Stat clat = stat(f, i + 8);
        Map<String, Double> pct = new LinkedHashMap<>();
        for (int k = 0; k < 20; k++) {
            String cell = f[i + 12 + k];
            int eq = cell.indexOf('=');
            if (eq > 0) {
                String key = String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(cell.substring(0, eq).replace("%", "")));
                double v = num(cell.substring(eq + 1));
                if (!key.equals("0.00")) {
                    pct.put(key, v);
                }
            }
        }
        Stat lat = stat(f, i + 32);
        int b = i + 36;
        Stat bwStat = new Stat(num(f[b]) * 1024, num(f[b + 1]) * 1024, num(f[b + 3]) * 1024, num(f[b + 4]) * 1024, pct(f[b + 2]),
                version == 5 ? (long) num(f[b + 5]) : null);
        Stat iopsStat = version == 5 ? new Stat(num(f[b + 6]), num(f[b + 7]), num(f[b + 8]), num(f[b + 9]), null, (long) num(f[b + 10])) : null;
        return new FioEvent.DirResult(name, io, bw, iops, runtime, slat, clat, lat, pct.isEmpty() ? null : pct, "clat", bwStat, iopsStat,
                null);
    }

    private static Stat stat(String[] f, int i) {
        return new Stat(num(f[i]), num(f[i + 1]), num(f[i + 2]), num(f[i + 3]), null, null);
    }

    private static double pct(String s) {
        return num(s.replace("%", ""));
    }

    private static double num(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : Double.parseDouble(t);
    }
}
