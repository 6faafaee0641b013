package io.virtblk.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code stats QUERY --by FIELD} and {@code stats QUERY --histogram FIELD --interval X}. */
final class StatsCommand implements LineCommand {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String synopsis() {
        return "stats QUERY (--by FIELD | --histogram FIELD --interval X) [--on URL] [--json]";
    }

    @Override
    public String summary() {
        return "counts per value of a field, or per time bucket";
    }

    @Override
    public void run(List<Words.Span> spans, String line, Session session) {
        QueryArgs qa = QueryArgs.parse(name(), spans, line, Set.of("--json"), Set.of("--by", "--histogram", "--interval", "--on"));
        Args a = qa.options();
        String query = qa.query().isBlank() ? "*:*" : qa.query();
        var out = session.out();
        try {
            if (a.option("--by") != null) {
                Map<String, Long> counts = session.search(a.option("--on")).stats(query, a.option("--by"));
                if (a.flag("--json")) {
                    out.println(Json.write(counts));
                } else {
                    int width = counts.keySet().stream().mapToInt(String::length).max().orElse(5);
                    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .forEach(e -> out.printf("%-" + width + "s %10d%n", e.getKey(), e.getValue()));
                }
            } else if (a.option("--histogram") != null) {
                if (a.option("--on") != null) {
                    throw new UsageException("stats: --histogram works on the local store; on a cluster use --by");
                }
                String field = a.option("--histogram");
                if (a.option("--interval") == null) {
                    throw new UsageException("stats: --histogram needs --interval, e.g. --interval 1s, 100ms, 5m or 0.5");
                }
                double interval = interval(a.option("--interval"), field);
                TreeMap<Double, Long> buckets = session.store().histogram(query, field, interval);
                Map<String, Long> shown = new LinkedHashMap<>();
                buckets.forEach((k, v) -> shown.put(bucketName(field, k), v));
                if (a.flag("--json")) {
                    out.println(Json.write(shown));
                } else {
                    long max = buckets.values().stream().mapToLong(Long::longValue).max().orElse(1);
                    shown.forEach((k, v) -> out.printf("%-24s %8d %s%n", k, v, "#".repeat((int) Math.max(1, 40 * v / max))));
                }
            } else {
                throw new UsageException("stats: give --by FIELD or --histogram FIELD --interval X");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 1s}, {@code 100ms}, {@code 5m}, {@code 1h}, or a plain number in the field's unit. For time, in ms. */
    static double interval(String text, String field) {
        String t = text.strip().toLowerCase();
        double scale;
        String num;
        if (t.endsWith("ms")) {
            scale = 0.001;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            scale = 0.000001;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            scale = 1;
            num = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            scale = 60;
            num = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            scale = 3600;
            num = t.substring(0, t.length() - 1);
        } else {
            scale = 0;
            num = t;
        }
        try {
            double v = Double.parseDouble(num);
            if (scale == 0) {
                return v;
            }
            // time is kept in milliseconds, mono in seconds
            return field.equals("time") ? v * scale * 1000 : v * scale;
        } catch (NumberFormatException e) {
            throw new UsageException("stats: --interval takes a number with an optional unit (ms, s, m, h), not '" + text + "'");
        }
    }

    private static String bucketName(String field, double start) {
        if (field.equals("time")) {
            return io.virtblk.analyzer.store.Times.of((long) start).toString();
        }
        return start == Math.rint(start) ? Long.toString((long) start) : Double.toString(start);
    }
}
