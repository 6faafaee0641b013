package io.virtblk.grammar.fio;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtblk.event.FioEvent;
import io.virtblk.event.FioEvent.Stat;
import io.virtblk.event.Origin;
import io.virtblk.input.Diagnostic;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One job object (or one {@code disk_util} entry) of fio's JSON output as events. Values are
 * taken as fio writes them; a value of another kind ({@code "bins":{"bw":0}}, a count that is a
 * string) is reported at its member and left out, never read as 0. A member fio did not write is
 * 0, as fio 2.1's documents lack some that later versions have.
 */
final class FioJsonJob {

    private final String source;
    private final JsonTree tree;
    private final JsonTree.Problems problems;

    FioJsonJob(String source, JsonTree tree, JsonTree.Problems problems) {
        this.source = source;
        this.tree = tree;
        this.problems = problems;
    }

    /** The job's options as a header, then its result; {@code origin} covers the job object's lines, {@code raw} their text. */
    List<FioEvent> events(Origin origin, String raw, String firstLine, String version, LocalDateTime docStart, Map<String, String> global) {
        JsonNode job = tree.root();
        String name = job.path("jobname").asText();
        Map<String, String> options = new LinkedHashMap<>(global);
        job.path("job options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        String depth = options.get("iodepth");
        int group = wholeInt(job, "groupid");
        FioEvent.JobHeader header = new FioEvent.JobHeader(Origin.of(source, origin.line()), firstLine, name, group, options.get("rw"),
                options.get("bs"), options.get("ioengine"), depth == null ? null : parseInt(depth), options);
        List<FioEvent.DirResult> dirs = new ArrayList<>();
        for (String d : List.of("read", "write", "trim")) {
            JsonNode n = job.path(d);
            if (n.isMissingNode() || (zero(n, "total_ios") && zero(n, "io_bytes") && zero(n, "io_kbytes"))) {
                continue;
            }
            dirs.add(dir(d, n));
        }
        Long startMs = whole(job, "job_start", null);
        LocalDateTime start = startMs != null ? LocalDateTime.ofInstant(Instant.ofEpochMilli(startMs), ZoneId.systemDefault()) : docStart;
        Map<String, Double> buckets = new LinkedHashMap<>();
        buckets(job.path("latency_ns"), 0.001, buckets);
        buckets(job.path("latency_us"), 1, buckets);
        buckets(job.path("latency_ms"), 1000, buckets);
        List<Long> total = new ArrayList<>();
        List<Long> shortIos = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        for (String d : List.of("read", "write", "trim")) {
            total.add(whole(job.path(d), "total_ios", 0L));
            shortIos.add(whole(job.path(d), "short_ios", 0L));
            dropped.add(whole(job.path(d), "drop_ios", 0L));
        }
        Map<String, String> target = new LinkedHashMap<>();
        for (String k : List.of("latency_target", "latency_window", "latency_percentile", "latency_depth")) {
            if (job.has(k)) {
                target.put(k.substring("latency_".length()), job.path(k).asText());
            }
        }
        int err = wholeInt(job, "error");
        FioEvent.JobResult result = new FioEvent.JobResult(origin, raw, name, group, 1, err, null, null, start, List.copyOf(dirs),
                buckets.isEmpty() ? null : buckets,
                new FioEvent.Cpu(number(job, "usr_cpu", 0.0), number(job, "sys_cpu", 0.0), whole(job, "ctx", 0L), whole(job, "majf", 0L),
                        whole(job, "minf", 0L)),
                percents(job.path("iodepth_level")), percents(job.path("iodepth_submit")), percents(job.path("iodepth_complete")),
                new FioEvent.Issued(all(total), all(shortIos), all(dropped)), target.isEmpty() ? null : target);
        return List.of(header, result);
    }

    /** A {@code disk_util} entry. */
    FioEvent.DiskStats disk(Origin origin, String raw) {
        JsonNode d = tree.root();
        return new FioEvent.DiskStats(origin, raw, d.path("name").asText(), pair(d, "read_ios", "write_ios"),
                pair(d, "read_merges", "write_merges"), pair(d, "read_ticks", "write_ticks"), null, whole(d, "in_queue", 0L),
                number(d, "util", 0.0));
    }

    private List<Long> pair(JsonNode d, String read, String write) {
        return all(java.util.Arrays.asList(whole(d, read, 0L), whole(d, write, 0L)));
    }

    /** The list, or null when a value of it was left out: those who sum it must not meet a null. */
    private static List<Long> all(List<Long> values) {
        return values.contains(null) ? null : List.copyOf(values);
    }

    /** One direction; nanosecond fields ({@code clat_ns}) of fio 3 or microsecond ones ({@code clat}) of fio 2. */
    private FioEvent.DirResult dir(String name, JsonNode n) {
        Long io = n.has("io_bytes") ? whole(n, "io_bytes", 0L) : kib(n, "io_kbytes");
        Double bw = n.has("bw_bytes") ? number(n, "bw_bytes", 0.0) : times(number(n, "bw", 0.0), 1024);
        Stat slat = stat(n, "slat");
        Stat clat = stat(n, "clat");
        Stat lat = stat(n, "lat");
        JsonNode c = n.has("clat_ns") ? n.path("clat_ns") : n.path("clat");
        double scale = n.has("clat_ns") ? 0.001 : 1;
        Map<String, Double> pct = null;
        if (c.has("percentile")) {
            pct = new LinkedHashMap<>();
            JsonNode p = c.path("percentile");
            for (var e : p.properties()) {
                Double rank = key(p, e.getKey(), "a percentile from 0 to 100 as the key", 0, 100);
                Double value = number(p, e.getKey(), null);
                if (rank != null && value != null) {
                    pct.put(String.format(Locale.ROOT, "%.2f", rank), FioUnits.times(value, scale));
                }
            }
        }
        Map<String, Long> bins = null;
        if (c.has("bins")) {
            bins = new LinkedHashMap<>();
            JsonNode b = c.path("bins");
            String unit = scale == 1 ? "microseconds" : "nanoseconds";
            for (var e : b.properties()) {
                // JSON+: a latency bucket's value (ns in fio 3) to the number of I/Os in it
                Double bucket = key(b, e.getKey(), "a latency bucket in " + unit + " (a whole number) as the key of a JSON+ bin", 0,
                        Long.MAX_VALUE);
                Long count = whole(b, e.getKey(), null);
                if (bucket != null && count != null) {
                    bins.put(FioUnits.plain(FioUnits.times(bucket, scale)), count);
                }
            }
        }
        Stat bwStat = n.has("bw_min") ? new Stat(times(number(n, "bw_min", 0.0), 1024), times(number(n, "bw_max", 0.0), 1024),
                times(number(n, "bw_mean", 0.0), 1024), times(number(n, "bw_dev", 0.0), 1024), number(n, "bw_agg", 0.0),
                whole(n, "bw_samples", null)) : null;
        Stat iopsStat = n.has("iops_min") ? new Stat(number(n, "iops_min", 0.0), number(n, "iops_max", 0.0), number(n, "iops_mean", 0.0),
                number(n, "iops_stddev", 0.0), null, whole(n, "iops_samples", null)) : null;
        return new FioEvent.DirResult(name, io, bw, number(n, "iops", 0.0), whole(n, "runtime", 0L), slat, clat, lat, pct,
                pct == null ? null : "clat", bwStat, iopsStat, null, bins);
    }

    private Stat stat(JsonNode n, String what) {
        JsonNode ns = n.path(what + "_ns");
        if (!ns.isMissingNode()) {
            if (ns.path("N").asLong(1) == 0 && ns.path("max").asDouble() == 0) {
                return null; // fio writes zeros for a latency it did not measure
            }
            return new Stat(times(number(ns, "min", 0.0), 0.001), times(number(ns, "max", 0.0), 0.001), times(number(ns, "mean", 0.0), 0.001),
                    times(number(ns, "stddev", 0.0), 0.001), null, null);
        }
        JsonNode us = n.path(what);
        if (us.isMissingNode() || !us.isObject()) {
            return null;
        }
        return new Stat(number(us, "min", 0.0), number(us, "max", 0.0), number(us, "mean", 0.0), number(us, "stddev", 0.0), null, null);
    }

    /** {@code latency_us: {"2": 0.0, ..., ">=2000": 0.0}}: a bucket's upper bound to the share of I/Os in it. */
    private void buckets(JsonNode n, double scale, Map<String, Double> out) {
        for (var e : n.properties()) {
            String key = e.getKey();
            boolean atLeast = key.startsWith(">=");
            Double bound = key(n, atLeast ? key.substring(2) : key, key, "a latency bucket's bound like '250' or '>=2000' as the key", 0,
                    Long.MAX_VALUE);
            Double share = number(n, key, null);
            if (bound != null && share != null && (share > 0 || out.isEmpty())) {
                out.put((atLeast ? ">=" : "") + FioUnits.plain(FioUnits.times(bound, scale)), share);
            }
        }
    }

    private Map<String, Double> percents(JsonNode n) {
        if (n.isMissingNode()) {
            return null;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (var e : n.properties()) {
            Double v = number(n, e.getKey(), null);
            if (v != null) {
                m.put(e.getKey(), v);
            }
        }
        return m;
    }

    /**
     * Member {@code key} as a whole number: {@code absent} when fio did not write it; null when
     * it was left out while reading (out of range) or is another kind of value (then reported).
     */
    private Long whole(JsonNode parent, String key, Long absent) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode()) {
            return absent;
        }
        if (v.isNull()) {
            return null; // reported by JsonTree
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        double d = v.doubleValue();
        if (v.isFloatingPointNumber() && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return (long) d;
        }
        wrong(parent, key, "a whole number");
        return null;
    }

    /** Member {@code key} as a number, as {@link #whole} does. */
    private Double number(JsonNode parent, String key, Double absent) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode()) {
            return absent;
        }
        if (v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        wrong(parent, key, "a number");
        return null;
    }

    /** {@code io_kbytes} as bytes. */
    private Long kib(JsonNode n, String key) {
        Long k = whole(n, key, 0L);
        if (k != null && Math.abs(k) > Long.MAX_VALUE / 1024) {
            wrong(n, key, "a number of KiB below 2^53");
            return null;
        }
        return k == null ? null : k * 1024;
    }

    private boolean zero(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return !v.isNumber() || v.doubleValue() == 0;
    }

    /** For the record's int fields (group, error): 0 when absent or left out. */
    private int wholeInt(JsonNode parent, String key) {
        Long v = whole(parent, key, 0L);
        if (v == null) {
            return 0;
        }
        if (v != v.intValue()) {
            wrong(parent, key, "a whole number from -2^31 to 2^31-1");
            return 0;
        }
        return v.intValue();
    }

    /** The number a member's name holds ({@code "99.000000"}, {@code "36352"}), or null after a diagnostic saying {@code expected}. */
    private Double key(JsonNode parent, String key, String expected, double min, double max) {
        return key(parent, key, key, expected, min, max);
    }

    private Double key(JsonNode parent, String number, String key, String expected, double min, double max) {
        try {
            if (!number.isEmpty() && number.length() <= 24 && number.chars().allMatch(ch -> ch == '.' || (ch >= '0' && ch <= '9'))) {
                double v = Double.parseDouble(number);
                if (v >= min && v <= max) {
                    return v;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.report(tree.at(parent, key), tree.pointer(parent, key), "expected " + expected + ", found " + Diagnostic.quote(key));
        return null;
    }

    private void wrong(JsonNode parent, String key, String expected) {
        problems.report(tree.at(parent, key), tree.pointer(parent, key), "expected " + expected + ", found "
                + Diagnostic.quote(parent.path(key).toString()) + "; the value is left out");
    }

    private static Double times(Double v, double factor) {
        return v == null ? null : FioUnits.times(v, factor);
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
