package io.virtblk.grammar.fio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.event.FioEvent;
import io.virtblk.event.FioEvent.Stat;
import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.grammar.EventSink;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * fio's JSON and JSON+ output ({@code --output-format=json}, {@code json+}, and the JSON half of
 * {@code normal,json}), fio 2.1 to 3.40, into the same events as the text output: a job result
 * per job (covering the job object's lines), its job options as a header, the disk stats.
 *
 * <p>The jobs array is read one job at a time with Jackson's streaming parser, so a large JSON+
 * file never sits in memory whole. A document that breaks off or is malformed gives a diagnostic
 * with the line and the path inside the document; what was read before it stays.
 */
public final class FioJsonReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private final String source;
    private final EventSink sink;

    public FioJsonReader(String source, EventSink sink) {
        this.source = source;
        this.sink = sink;
    }

    /** Reads one JSON document made of {@code lines}; every line ends up in an event or counted structural. */
    public void read(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int first = lines.getFirst().number();
        StringBuilder text = new StringBuilder();
        for (Line l : lines) {
            text.append(l.text()).append('\n');
        }
        BitSet covered = new BitSet();
        boolean failed = true;
        String version = null;
        LocalDateTime start = null;
        Map<String, String> global = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory(MAPPER).createParser(text.toString())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonIssue("expected a JSON object, found " + quote(p.getText()), p);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                int line = first + p.currentTokenLocation().getLineNr() - 1;
                switch (field) {
                    case "fio version" -> {
                        version = p.getText().startsWith("fio-") ? p.getText().substring(4) : p.getText();
                        sink.event(new FioEvent.Version(Origin.of(source, line), lines.get(line - first).text(), version), 1);
                        covered.set(line - first);
                    }
                    case "time" -> start = time(p.getText());
                    case "global options" -> ((JsonNode) MAPPER.readTree(p)).properties().forEach(e -> global.put(e.getKey(), e.getValue().asText()));
                    case "jobs" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new JsonIssue("expected the jobs array, found " + quote(p.getText()), p);
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            int from = first + p.currentTokenLocation().getLineNr() - 1;
                            JsonNode job = (JsonNode) MAPPER.readTree(p);
                            int to = first + p.currentTokenLocation().getLineNr() - 1;
                            job(job, from, to, lines, first, version, start, global);
                            covered.set(from - first, to - first + 1);
                        }
                    }
                    case "disk_util" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                int from = first + p.currentTokenLocation().getLineNr() - 1;
                                JsonNode d = (JsonNode) MAPPER.readTree(p);
                                int to = first + p.currentTokenLocation().getLineNr() - 1;
                                sink.event(disk(d, from, to, lines, first), to - from + 1);
                                covered.set(from - first, to - first + 1);
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            failed = false;
        } catch (JsonIssue e) {
            sink.diagnostic(new Diagnostic(source, e.line(first), e.column, e.getMessage()));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? first : first + e.getLocation().getLineNr() - 1;
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            String path = e.getProcessor() instanceof JsonParser jp ? jp.getParsingContext().pathAsPointer().toString() : "";
            sink.diagnostic(new Diagnostic(source, Math.min(line, lines.getLast().number()), col, "fio JSON"
                    + (path.isEmpty() ? "" : " at " + path) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            sink.diagnostic(new Diagnostic(source, first, 0, "fio JSON: " + e.getMessage()));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!covered.get(i)) {
                Line l = lines.get(i);
                if (failed) {
                    // what the broken document held is kept, not counted as layout
                    sink.event(new RawLine(Origin.of(source, l.number()), l.text(), "fio JSON"), 1);
                } else {
                    sink.structural(l.number());
                }
            }
        }
    }

    private void job(JsonNode job, int from, int to, List<Line> lines, int first, String version, LocalDateTime docStart,
                     Map<String, String> global) {
        String name = job.path("jobname").asText();
        Map<String, String> options = new LinkedHashMap<>(global);
        job.path("job options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        String raw = lines.get(from - first).text();
        String depth = options.get("iodepth");
        sink.event(new FioEvent.JobHeader(Origin.of(source, from), raw, name, job.path("groupid").asInt(), options.get("rw"), options.get("bs"),
                options.get("ioengine"), depth == null ? null : parseInt(depth), options), 0);
        List<FioEvent.DirResult> dirs = new ArrayList<>();
        for (String d : List.of("read", "write", "trim")) {
            JsonNode n = job.path(d);
            if (n.isMissingNode() || (n.path("total_ios").asLong() == 0 && n.path("io_bytes").asLong() == 0 && n.path("io_kbytes").asLong() == 0)) {
                continue;
            }
            dirs.add(dir(d, n));
        }
        LocalDateTime start = job.has("job_start") ? java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(job.path("job_start").asLong()),
                java.time.ZoneId.systemDefault()) : docStart;
        Map<String, Double> buckets = new LinkedHashMap<>();
        buckets(job.path("latency_ns"), 0.001, buckets);
        buckets(job.path("latency_us"), 1, buckets);
        buckets(job.path("latency_ms"), 1000, buckets);
        List<Long> total = new ArrayList<>();
        List<Long> shortIos = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        for (String d : List.of("read", "write", "trim")) {
            total.add(job.path(d).path("total_ios").asLong());
            shortIos.add(job.path(d).path("short_ios").asLong());
            dropped.add(job.path(d).path("drop_ios").asLong());
        }
        Map<String, String> target = new LinkedHashMap<>();
        for (String k : List.of("latency_target", "latency_window", "latency_percentile", "latency_depth")) {
            if (job.has(k)) {
                target.put(k.substring("latency_".length()), job.path(k).asText());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(i == from ? "" : "\n").append(lines.get(i - first).text());
        }
        int err = job.path("error").asInt();
        FioEvent.JobResult r = new FioEvent.JobResult(new Origin(source, from, to), text.toString(), name, job.path("groupid").asInt(), 1, err,
                null, null, start, List.copyOf(dirs), buckets.isEmpty() ? null : buckets,
                new FioEvent.Cpu(job.path("usr_cpu").asDouble(), job.path("sys_cpu").asDouble(), job.path("ctx").asLong(),
                        job.path("majf").asLong(), job.path("minf").asLong()),
                percents(job.path("iodepth_level")), percents(job.path("iodepth_submit")), percents(job.path("iodepth_complete")),
                new FioEvent.Issued(total, shortIos, dropped), target.isEmpty() ? null : target);
        sink.event(r, to - from + 1);
    }

    /** One direction; nanosecond fields ({@code clat_ns}) of fio 3 or microsecond ones ({@code clat}) of fio 2. */
    private static FioEvent.DirResult dir(String name, JsonNode n) {
        long io = n.has("io_bytes") ? n.path("io_bytes").asLong() : n.path("io_kbytes").asLong() * 1024;
        double bw = n.has("bw_bytes") ? n.path("bw_bytes").asDouble() : n.path("bw").asDouble() * 1024;
        Stat slat = stat(n, "slat");
        Stat clat = stat(n, "clat");
        Stat lat = stat(n, "lat");
        JsonNode c = n.has("clat_ns") ? n.path("clat_ns") : n.path("clat");
        double scale = n.has("clat_ns") ? 0.001 : 1;
        Map<String, Double> pct = null;
        if (c.has("percentile")) {
            pct = new LinkedHashMap<>();
            for (var e : c.path("percentile").properties()) {
                pct.put(String.format(Locale.ROOT, "%.2f", Double.parseDouble(e.getKey())), FioUnits.times(e.getValue().asDouble(), scale));
            }
        }
        Map<String, Long> bins = null;
        if (c.has("bins")) {
            bins = new LinkedHashMap<>();
            for (var e : c.path("bins").properties()) {
                bins.put(FioUnits.plain(FioUnits.times(Double.parseDouble(e.getKey()), scale)), e.getValue().asLong());
            }
        }
        Stat bwStat = n.has("bw_min") ? new Stat(n.path("bw_min").asDouble() * 1024, n.path("bw_max").asDouble() * 1024,
                n.path("bw_mean").asDouble() * 1024, n.path("bw_dev").asDouble() * 1024, n.path("bw_agg").asDouble(),
                n.has("bw_samples") ? n.path("bw_samples").asLong() : null) : null;
        Stat iopsStat = n.has("iops_min") ? new Stat(n.path("iops_min").asDouble(), n.path("iops_max").asDouble(), n.path("iops_mean").asDouble(),
                n.path("iops_stddev").asDouble(), null, n.has("iops_samples") ? n.path("iops_samples").asLong() : null) : null;
        return new FioEvent.DirResult(name, io, bw, n.path("iops").asDouble(), n.path("runtime").asLong(), slat, clat, lat, pct,
                pct == null ? null : "clat", bwStat, iopsStat, null, bins);
    }

    private static Stat stat(JsonNode n, String what) {
        JsonNode ns = n.path(what + "_ns");
        if (!ns.isMissingNode()) {
            if (ns.path("N").asLong(1) == 0 && ns.path("max").asDouble() == 0) {
                return null; // fio writes zeros for a latency it did not measure
            }
            return new Stat(FioUnits.times(ns.path("min").asDouble(), 0.001), FioUnits.times(ns.path("max").asDouble(), 0.001),
                    FioUnits.times(ns.path("mean").asDouble(), 0.001), FioUnits.times(ns.path("stddev").asDouble(), 0.001), null, null);
        }
        JsonNode us = n.path(what);
        if (us.isMissingNode() || !us.isObject()) {
            return null;
        }
        return new Stat(us.path("min").asDouble(), us.path("max").asDouble(), us.path("mean").asDouble(), us.path("stddev").asDouble(), null, null);
    }

    private static void buckets(JsonNode n, double scale, Map<String, Double> out) {
        for (var e : n.properties()) {
            String key = e.getKey();
            boolean atLeast = key.startsWith(">=");
            double bound = FioUnits.times(Double.parseDouble(atLeast ? key.substring(2) : key), scale);
            if (e.getValue().asDouble() > 0 || out.isEmpty()) {
                out.put((atLeast ? ">=" : "") + FioUnits.plain(bound), e.getValue().asDouble());
            }
        }
    }

    private static Map<String, Double> percents(JsonNode n) {
        if (n.isMissingNode()) {
            return null;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    private FioEvent.DiskStats disk(JsonNode d, int from, int to, List<Line> lines, int first) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(i == from ? "" : "\n").append(lines.get(i - first).text());
        }
        return new FioEvent.DiskStats(new Origin(source, from, to), text.toString(), d.path("name").asText(),
                List.of(d.path("read_ios").asLong(), d.path("write_ios").asLong()),
                List.of(d.path("read_merges").asLong(), d.path("write_merges").asLong()),
                List.of(d.path("read_ticks").asLong(), d.path("write_ticks").asLong()), null, d.path("in_queue").asLong(),
                d.path("util").asDouble());
    }

    private static LocalDateTime time(String s) {
        try {
            return LocalDateTime.parse(s.replaceAll(" +", " "), CTIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }


    private static String quote(String s) {
        return Diagnostic.quote(s == null ? "end of input" : s);
    }

    /** A structural problem in the document, found while walking it. */
    private static final class JsonIssue extends IOException {
        final int relativeLine;
        final int column;

        JsonIssue(String message, JsonParser p) {
            super("fio JSON at " + p.getParsingContext().pathAsPointer() + ": " + message);
            relativeLine = p.currentTokenLocation().getLineNr();
            column = p.currentTokenLocation().getColumnNr();
        }

        int line(int first) {
            return first + relativeLine - 1;
        }
    }
}
