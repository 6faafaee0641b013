package io.virtblk.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.virtblk.analyzer.store.FieldKind;
import io.virtblk.analyzer.store.Hit;
import io.virtblk.analyzer.store.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code export json|ndjson|csv FILE [QUERY]}: a query's events to a file, in input order. */
final class ExportCommand implements LineCommand {

    private static final List<String> FORMATS = List.of("json", "ndjson", "csv");

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String synopsis() {
        return "export json|ndjson|csv FILE [QUERY]";
    }

    @Override
    public String summary() {
        return "write a query's events (all by default) to a JSON, NDJSON or CSV file";
    }

    @Override
    public void run(List<Words.Span> spans, String line, Session session) {
        if (spans.size() < 2) {
            throw new UsageException("export: give a format and a file, e.g. export csv ioctls.csv type:ioctl");
        }
        String format = spans.get(0).word().toLowerCase();
        if (!FORMATS.contains(format)) {
            throw new UsageException("export: unknown format: " + spans.get(0).word() + "; use one of: json, ndjson, csv");
        }
        Path file = Path.of(spans.get(1).word());
        String query = QueryArgs.parse(name(), spans.subList(2, spans.size()), line, Set.of(), Set.of()).query();
        try {
            long[] total = {0};
            List<Hit> hits = session.store().search(query.isBlank() ? "*:*" : query, Integer.MAX_VALUE - 1, total);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                switch (format) {
                    case "json" -> w.write(Json.write(hits.stream().map(Hits::row).toList()));
                    case "ndjson" -> {
                        ObjectMapper compact = new ObjectMapper();
                        for (Hit h : hits) {
                            w.write(compact.writeValueAsString(Hits.row(h)));
                            w.write('\n');
                        }
                    }
                    default -> csv(hits, w);
                }
            }
            session.out().printf("exported %d event(s) to %s (%s)%n", hits.size(), file, format);
            session.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row per event: where it is, its type, every keyword/number/time field, the line as written. */
    private static void csv(List<Hit> hits, Writer w) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().addColumn("source").addColumn("line").addColumn("end_line").addColumn("type");
        List<String> fields = Schema.all().stream().filter(f -> f.kind() != FieldKind.TEXT)
                .map(Schema.Field::name).filter(n -> !Set.of("source", "line", "end_line", "type").contains(n)).toList();
        fields.forEach(schema::addColumn);
        schema.addColumn("raw");
        try (SequenceWriter out = new CsvMapper().writer(schema.build().withHeader()).writeValues(w)) {
            for (Hit h : hits) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("source", h.source());
                row.put("line", h.line());
                row.put("end_line", h.endLine());
                row.put("type", h.type());
                for (String f : fields) {
                    Object v = h.fields().get(f);
                    row.put(f, v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList()) : v);
                }
                row.put("raw", h.raw());
                out.write(row);
            }
        }
    }
}
