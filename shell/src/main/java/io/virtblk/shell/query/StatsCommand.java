package io.virtblk.shell.query;

import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.LineCommand;
import io.virtblk.shell.command.QueryArgs;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Settings;
import io.virtblk.shell.command.UsageException;
import io.virtblk.shell.command.Words;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code stats QUERY --by FIELD} and {@code stats QUERY --histogram FIELD --interval X}. */
public final class StatsCommand implements LineCommand {

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
                java.time.ZoneId zone = session.settings().zone();
                TreeMap<Double, Long> found = session.store().histogram(query, field, interval, shift(field, zone, query, session));
                // a gap in time is what a stall looks like: the empty buckets between the first and the last are shown
                TreeMap<Double, Long> buckets = HistogramGaps.filled(found, interval);
                Map<String, Long> shown = new LinkedHashMap<>();
                buckets.forEach((k, v) -> shown.put(bucketName(field, k, session.settings()), v));
                if (a.flag("--json")) {
                    out.println(Json.write(shown));
                } else {
                    long max = buckets.values().stream().mapToLong(Long::longValue).max().orElse(1);
                    int width = Math.max(24, shown.keySet().stream().mapToInt(String::length).max().orElse(0));
                    shown.forEach((k, v) -> out.printf("%-" + width + "s %8d %s%n", k, v, v == 0 ? "" : "#".repeat((int) Math.max(1, 40 * v / max))));
                    if (buckets.size() > found.size()) {
                        out.printf("(%d of %d buckets empty)%n", buckets.size() - found.size(), buckets.size());
                    }
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

    /** The zone's offset, in the time field's milliseconds, at the first matching event (0 for other fields or times as written). */
    private static double shift(String field, java.time.ZoneId zone, String query, Session session) throws IOException {
        if (!field.equals("time") || zone == null) {
            return 0;
        }
        var first = session.store().search("(" + query + ") AND time:[* TO *]", 1, "time", false, null);
        java.time.Instant at = first.isEmpty() || !(first.getFirst().fields().get("time") instanceof String t) ? java.time.Instant.now()
                : java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
        return zone.getRules().getOffset(at).getTotalSeconds() * 1000.0;
    }

    private static String bucketName(String field, double start, Settings settings) {
        if (field.equals("time")) {
            return settings.showTime(io.virtblk.analyzer.store.Times.of((long) start).toString());
        }
        return start == Math.rint(start) ? Long.toString((long) start) : Double.toString(start);
    }
}
