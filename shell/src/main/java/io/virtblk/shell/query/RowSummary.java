package io.virtblk.shell.query;

import io.virtblk.analyzer.store.Hit;
import io.virtblk.shell.command.FioNumbers;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one line a {@code query} or {@code events} row shows for an event whose text is no line a
 * person reads: a fio JSON result is a whole document ({@code { [+1005 lines]}), a terse result a
 * hundred and thirty fields, a log sample and a histogram-log line rows of numbers. Those are
 * summed up from the event's fields, numbers scaled as fio scales them; every other event shows
 * its first line as written.
 */
final class RowSummary {

    private RowSummary() {
    }

    /** The summary of {@code h}, or null when its first line is the thing to show. */
    static String of(Hit h) {
        Map<String, Object> f = h.fields();
        return switch (h.type()) {
            case "fio_sample" -> sample(f);
            case "fio_hist" -> hist(f);
            case "request" -> request(f);
            case "fio_result" -> structured(h.raw()) ? result(f) : null;
            default -> structured(h.raw()) ? fields(f) : null;
        };
    }

    /** A block request: "7:0 R 152128+8 completed by fio:6340  Q2G 2µs D2C 22.37s Q2C 22.37s" (its first line is only its first step). */
    private static String request(Map<String, Object> f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.get("block.dev")).append(' ').append(f.get("block.rwbs")).append(' ').append(f.get("block.sector")).append('+')
                .append(f.get("block.sectors")).append(' ').append(f.get("request.state"));
        if (f.get("block.comm") != null) {
            sb.append(" by ").append(f.get("block.comm")).append(f.get("block.pid") == null ? "" : ":" + f.get("block.pid"));
        }
        for (String w : List.of("q2g", "g2i", "i2d", "d2c", "q2c")) {
            if (f.get("request." + w + "_us") instanceof Number n) {
                long us = n.longValue();
                sb.append("  ").append(w.toUpperCase(Locale.ROOT)).append(' ').append(us >= 1_000_000 ? String.format(Locale.ROOT, "%.2fs", us / 1e6)
                        : us >= 1000 ? String.format(Locale.ROOT, "%.1fms", us / 1000.0) : us + "µs");
            }
        }
        if (f.get("block.error") instanceof Number e && e.longValue() != 0) {
            sb.append("  error ").append(e);
        }
        return sb.toString();
    }

    /** Raw text that is JSON, or a terse line (fields between semicolons), rather than a line of fio's report. */
    static boolean structured(String raw) {
        String t = raw.stripLeading();
        if (t.startsWith("{") || t.startsWith("[") || t.startsWith("\"")) {
            return true;
        }
        int nl = t.indexOf('\n');
        String first = nl < 0 ? t : t.substring(0, nl);
        return first.chars().filter(c -> c == ';').count() >= 20;
    }

    private static String result(Map<String, Object> f) {
        StringBuilder sb = new StringBuilder();
        append(sb, "job", f.get("fio.job"));
        append(sb, "dir", f.get("fio.dir"));
        sb.append("iops=").append(FioNumbers.iops(number(f.get("fio.iops")))).append(' ');
        sb.append("bw=").append(FioNumbers.bandwidth(number(f.get("fio.bw")))).append(' ');
        Double p99 = number(f.get("lat.p99"));
        if (p99 != null) {
            sb.append("p99=").append(FioNumbers.percentile(p99, FioNumbers.Unit.readable(List.of(p99)))).append(' ');
        }
        Double err = number(f.get("fio.err"));
        if (err != null && err != 0) {
            sb.append("err=").append(err.longValue()).append(' ');
        }
        return sb.toString().strip();
    }

    private static String sample(Map<String, Object> f) {
        StringBuilder sb = new StringBuilder();
        Object t = f.get("sample.time_ms");
        sb.append("t=").append(t == null ? "-" : t + "ms").append(' ');
        String kind = String.valueOf(f.getOrDefault("sample.kind", "lat"));
        Double v = number(f.get("sample.value"));
        String value = v == null ? "-" : switch (kind) {
            case "bw" -> FioNumbers.bandwidth(v * 1024); // fio logs bandwidth in KiB/s
            case "iops" -> FioNumbers.iops(v);
            default -> FioNumbers.latency(v / 1000, FioNumbers.Unit.readable(List.of(v / 1000))); // latencies are logged in ns
        };
        sb.append(kind).append('=').append(value).append(' ');
        Object dir = f.get("sample.dir");
        sb.append("dir=").append(dir instanceof Number n ? switch (n.intValue()) {
            case 0 -> "read";
            case 1 -> "write";
            case 2 -> "trim";
            default -> n.toString();
        } : "-");
        Object bs = f.get("sample.bs");
        if (bs instanceof Number n && n.longValue() > 0) {
            sb.append(" bs=").append(n.longValue());
        }
        return sb.toString();
    }

    private static String hist(Map<String, Object> f) {
        StringBuilder sb = new StringBuilder();
        Object t = f.get("sample.time_ms");
        sb.append("t=").append(t == null ? "-" : t + "ms");
        Object n = f.get("hist.samples");
        sb.append(" samples=").append(n == null ? "-" : n);
        List<Double> all = java.util.stream.Stream.of("lat.p50", "lat.p99", "clat.max").map(k -> number(f.get(k)))
                .filter(java.util.Objects::nonNull).toList();
        FioNumbers.Unit unit = FioNumbers.Unit.readable(all);
        for (String[] p : new String[][] {{"lat.p50", "p50"}, {"lat.p99", "p99"}, {"clat.max", "max"}}) {
            Double v = number(f.get(p[0]));
            if (v != null) {
                sb.append(' ').append(p[1]).append('=').append(FioNumbers.percentile(v, unit));
            }
        }
        return sb.toString();
    }

    /** Up to five of an event's own fields, for a structured event of another kind (a JSON job header, a version). */
    private static String fields(Map<String, Object> f) {
        StringBuilder sb = new StringBuilder();
        f.entrySet().stream().filter(e -> !List.of("source", "line", "end_line", "type", "time", "mono", "format").contains(e.getKey()))
                .limit(5).forEach(e -> append(sb, e.getKey(), e.getValue()));
        return sb.isEmpty() ? null : sb.toString().strip();
    }

    private static void append(StringBuilder sb, String key, Object value) {
        if (value == null) {
            return;
        }
        String v = value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                : value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(value);
        sb.append(key).append('=').append(v).append(' ');
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : v instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof Number n ? n.doubleValue() : null;
    }
}
