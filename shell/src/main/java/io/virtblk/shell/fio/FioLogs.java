package io.virtblk.shell.fio;

import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.EventStore;
import io.virtblk.grammar.fio.FioHistogramLine;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The loaded fio log files of one log name ({@code write_lat_log=NAME} writes
 * {@code NAME_clat.N.log}; {@code write_hist_log=NAME} writes {@code NAME_clat_hist.N.log}) and
 * what can be read from them. Whether a latency log holds I/Os or averages of time windows is
 * told here: fio's log has no header that says.
 */
final class FioLogs {

    private FioLogs() {
    }

    /**
     * One loaded file's lines of a log name, kind and direction ({@code dir} null: all).
     *
     * @param zeroBlockSize how many of its samples have block size 0
     */
    record LogFile(String log, String kind, String file, Integer dir, long samples, long zeroBlockSize) {

        String query() {
            return (kind.equals("clat_hist") ? "type:fio_hist" : "type:fio_sample") + " AND sample.log:" + EventQueries.quote(log)
                    + " AND sample.kind:" + kind + " AND source:" + EventQueries.quote(file) + (dir == null ? "" : " AND sample.dir:" + dir);
        }
    }

    /** fio's direction numbers in its logs. */
    static Integer dirNumber(String dir) {
        return dir == null ? null : switch (dir) {
            case "read" -> 0;
            case "write" -> 1;
            case "trim" -> 2;
            default -> null;
        };
    }

    static String dirName(int n) {
        return n == 0 ? "read" : n == 1 ? "write" : "trim";
    }

    /**
     * The files holding latency samples of {@code log} in direction {@code dir}: of completion
     * latency (clat) when there are any, else of total latency (lat), else none.
     */
    static List<LogFile> samples(Session session, String log, Integer dir) throws IOException {
        for (String kind : List.of("clat", "lat")) {
            List<LogFile> files = files(session, log, kind, dir);
            if (!files.isEmpty()) {
                return files;
            }
        }
        return List.of();
    }

    /** The files holding histogram lines of {@code log} in direction {@code dir}. */
    static List<LogFile> histograms(Session session, String log, Integer dir) throws IOException {
        return files(session, log, "clat_hist", dir);
    }

    private static List<LogFile> files(Session session, String log, String kind, Integer dir) throws IOException {
        EventStore store = session.store();
        String q = (kind.equals("clat_hist") ? "type:fio_hist" : "type:fio_sample") + " AND sample.log:" + EventQueries.quote(log) + " AND sample.kind:"
                + kind + (dir == null ? "" : " AND sample.dir:" + dir);
        List<LogFile> out = new ArrayList<>();
        for (var e : store.stats(q, "source").entrySet()) {
            LogFile f = new LogFile(log, kind, e.getKey(), dir, e.getValue(), 0);
            long zero = kind.equals("clat_hist") ? 0 : store.count(f.query() + " AND sample.bs:0");
            out.add(new LogFile(log, kind, e.getKey(), dir, e.getValue(), zero));
        }
        return out;
    }

    /** A per-I/O log's samples counted per µs of latency (fio 3 logs ns, fio 2 µs). */
    static TreeMap<Double, Long> perIo(Session session, LogFile f, boolean fio2) throws IOException {
        TreeMap<Double, Long> raw = session.store().histogram(f.query(), "sample.value", fio2 ? 1 : 1000);
        TreeMap<Double, Long> us = new TreeMap<>();
        raw.forEach((k, v) -> us.merge(fio2 ? k : k / 1000, v, Long::sum));
        return us;
    }

    /** A histogram log's buckets summed over its lines: each line counts the I/Os of its own interval. */
    static TreeMap<Double, Long> histogramBins(Session session, LogFile f) throws IOException {
        TreeMap<Double, Long> out = new TreeMap<>();
        session.store().forEachHit(f.query(), hit -> {
            var bins = FioHistogramLine.bins(hit.raw());
            if (bins != null) {
                bins.forEach((k, v) -> out.merge(k, v, Long::sum));
            }
        });
        return out;
    }

    /**
     * The log as averaged windows, or null when it holds one sample per I/O. fio writes the I/O's
     * block size with each per-I/O sample and 0 with a window's mean or maximum; the job's
     * options, when loaded, say it outright ({@code log_avg_msec}).
     */
    static AveragedLog averaged(Session session, LogFile f, Map<String, String> options, boolean fio2) throws IOException {
        long avgMsec = whole(options.get("log_avg_msec"));
        boolean stated = avgMsec > 0;
        boolean byBlockSize = f.samples() > 0 && f.zeroBlockSize() * 2 > f.samples();
        if (!stated && !byBlockSize) {
            return null;
        }
        List<AveragedLog.Point> points = new ArrayList<>();
        session.store().scan(f.query(), List.of("sample.time_ms", "sample.value", "sample.dir"), Set.of(), row -> {
            var m = row.fields();
            if (m.get("sample.time_ms") instanceof Number t && m.get("sample.value") instanceof Number v && m.get("sample.dir") instanceof Number d) {
                points.add(new AveragedLog.Point(t.longValue(), dirName(d.intValue()), fio2 ? v.doubleValue() : v.doubleValue() / 1000));
            }
        });
        points.sort(java.util.Comparator.comparingLong(AveragedLog.Point::timeMs));
        Window w = Window.of(points);
        String max = options.get("log_max_value");
        boolean maxima = max != null && (max.equals("1") || max.equalsIgnoreCase("max") || max.equalsIgnoreCase("true"));
        String evidence;
        if (stated) {
            evidence = "log_avg_msec=" + avgMsec + " in the job's options";
        } else {
            evidence = (f.zeroBlockSize() == f.samples() ? "every sample has" : f.zeroBlockSize() + " of " + f.samples() + " samples have")
                    + " block size 0, which fio writes only for a window's average (log_avg_msec), never for an I/O";
        }
        return new AveragedLog(f.log(), f.kind(), f.file(), f.dir() == null ? "all" : dirName(f.dir()), f.samples(),
                stated ? Long.valueOf(avgMsec) : w.interval(), w.regular(), evidence, !stated, maxima ? "highest" : "mean", points);
    }

    /** The window the sample times suggest: the commonest step between a direction's samples, and whether they keep to it. */
    private record Window(Long interval, boolean regular) {

        static Window of(List<AveragedLog.Point> points) {
            Map<String, List<Long>> byDir = new java.util.HashMap<>();
            points.forEach(p -> byDir.computeIfAbsent(p.dir(), k -> new ArrayList<>()).add(p.timeMs()));
            Map<Long, Integer> steps = new TreeMap<>();
            int all = 0;
            for (List<Long> times : byDir.values()) {
                for (int i = 1; i < times.size(); i++) {
                    steps.merge(times.get(i) - times.get(i - 1), 1, Integer::sum);
                    all++;
                }
            }
            if (all == 0) {
                return new Window(null, false);
            }
            var commonest = steps.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            long step = commonest.getKey();
            // fio 3 aligns windows to multiples of log_avg_msec; the last sample, flushed when the job ends, may break the step
            boolean multiples = step > 0 && points.stream().filter(p -> p.timeMs() % step != 0).count() <= byDir.size();
            return new Window(step > 0 ? step : null, multiples && commonest.getValue() >= all - byDir.size() * 2);
        }
    }

    private static long whole(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
