package io.virtblk.shell.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.virtblk.analyzer.store.FieldKind;
import io.virtblk.analyzer.store.Hit;
import io.virtblk.analyzer.store.Schema;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Json;
import io.virtblk.shell.command.LineCommand;
import io.virtblk.shell.command.QueryArgs;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Style;
import io.virtblk.shell.command.UsageException;
import io.virtblk.shell.command.Words;
import io.virtblk.shell.command.WriteFailure;
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
import java.util.function.Function;

/** {@code export json|ndjson|csv FILE [QUERY]}: a query's events to a file, in input order. */
public final class ExportCommand implements LineCommand {

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

    /** Writing the file failed (as opposed to reading the store): said as a write failure. */
    private static final class Unwritable extends UncheckedIOException {
        Unwritable(IOException cause) {
            super(cause);
        }
    }

    /** Writing over a loaded file would destroy the input the store reads its lines back from. */
    private static void refuseLoadedInput(Path file, Session session) {
        if (!Files.exists(file)) {
            return;
        }
        for (var s : session.store().summaries()) {
            for (String loaded : new String[] {s.path(), s.readBack().file()}) {
                try {
                    if (loaded != null && Files.exists(Path.of(loaded)) && Files.isSameFile(file, Path.of(loaded))) {
                        throw new CommandException("export: " + Style.visible(file.toString()) + " is the loaded input " + Style.visible(s.name())
                                + "; writing over it would lose it: export to another file");
                    }
                } catch (IOException e) {
                    // cannot tell: a file we cannot compare is not a loaded one we can read either
                }
            }
        }
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
        refuseLoadedInput(file, session);
        String query = QueryArgs.parse(name(), spans.subList(2, spans.size()), line, Set.of(), Set.of()).query();
        // streamed: the hits of a big query (two million ioctls of a 2 GB kern.log) are never all in memory
        long[] n = {0};
        Function<Hit, Object> row = format.equals("csv") ? ExportCommand::csvRow : Hits::row;
        Writer w;
        try {
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException("export: " + WriteFailure.of(file, e));
        }
        try (w; SequenceWriter out = writer(format, w)) {
            session.store().forEachHit(query.isBlank() ? "*:*" : query, hit -> {
                try {
                    out.write(row.apply(hit));
                } catch (IOException e) {
                    throw new Unwritable(e);
                }
                n[0]++;
            });
            if (format.equals("ndjson") && n[0] > 0) {
                out.flush();
                w.write('\n'); // the separator goes between lines; the last one ends too
            }
        } catch (Unwritable e) {
            throw new CommandException("export: " + WriteFailure.of(file, e.getCause()) + " (after " + n[0] + " event(s))");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.CancellationException e) {
            throw new java.util.concurrent.CancellationException("export to " + file + " stopped after " + n[0] + " event(s); the file holds those");
        }
        session.out().printf("exported %d event(s) to %s (%s)%n", n[0], file, format);
        session.out().flush();
    }

    private static SequenceWriter writer(String format, Writer w) throws IOException {
        return switch (format) {
            case "json" -> Json.array(w);
            case "ndjson" -> new ObjectMapper().writer().withRootValueSeparator("\n").writeValues(w);
            default -> csv(w);
        };
    }

    /** Every keyword, number and time field but the four that lead each row. */
    private static final List<String> CSV_FIELDS = Schema.all().stream().filter(f -> f.kind() != FieldKind.TEXT)
            .map(Schema.Field::name).filter(n -> !Set.of("source", "line", "end_line", "type").contains(n)).toList();

    /** One row per event: where it is, its type, every keyword/number/time field, the line as written. */
    private static SequenceWriter csv(Writer w) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().addColumn("source").addColumn("line").addColumn("end_line").addColumn("type");
        CSV_FIELDS.forEach(schema::addColumn);
        schema.addColumn("raw");
        return new CsvMapper().writer(schema.build().withHeader()).writeValues(w);
    }

    private static Map<String, Object> csvRow(Hit h) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("source", h.source());
        row.put("line", h.line());
        row.put("end_line", h.endLine());
        row.put("type", h.type());
        for (String f : CSV_FIELDS) {
            Object v = h.fields().get(f);
            row.put(f, v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList()) : v);
        }
        row.put("raw", h.raw());
        return row;
    }
}
