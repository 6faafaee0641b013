package io.virtblk.analyzer.store;

import io.virtblk.event.Event;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;

/**
 * Turns documents of one source back into hits: every schema field from doc values ({@link
 * Cursors}), the line from the file through one read-ahead window (or stored, for multi-line
 * events), the whole event when kept.
 */
final class HitReader implements Closeable {

    private static final List<Schema.Field> FIELDS = Schema.all().stream()
            .filter(f -> f.kind() != FieldKind.TEXT && !f.name().equals("source")).toList();

    private final SourceIndex source;
    private final EventJson json;
    private final Cursors cursors;
    private final LineWindow lines;

    HitReader(SourceIndex source, EventJson json) {
        this.source = source;
        this.json = json;
        this.cursors = new Cursors(source.reader(), FIELDS);
        var readBack = source.summary().readBack();
        this.lines = new LineWindow(readBack.file() == null ? null : Path.of(readBack.file()), readBack.maxLine(), source::checkUnchanged,
                source.summary().name());
    }

    /** The hit of document {@code doc} of this source's reader. */
    Hit hit(int doc) throws IOException {
        Cursors.Segment s = cursors.at(doc);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int f = 0; f < FIELDS.size(); f++) {
            Object v = s.value(f);
            if (v != null) {
                fields.put(FIELDS.get(f).name(), v instanceof List<?> l ? l.stream().map(HitReader::shown).toList() : shown(v));
            }
        }
        Document stored = s.stored.document(s.doc);
        String raw = stored.get(EventDocuments.RAW);
        String storedJson = stored.get(EventDocuments.JSON);
        if (raw == null) {
            raw = s.offset.advanceExact(s.doc) ? lines.line(s.offset.longValue()) : "";
        }
        Object line = fields.get("line");
        Object end = fields.getOrDefault("end_line", line);
        Event event = storedJson == null ? null : json.read(storedJson);
        return new Hit(source.summary().name(), ((Number) line).intValue(), ((Number) end).intValue(), (String) fields.get("type"), raw,
                fields, event);
    }

    /** As hits show a value: times as written text, a whole double as a long (it prints as one). */
    private static Object shown(Object v) {
        if (v instanceof LocalDateTime t) {
            return t.toString();
        }
        if (v instanceof Double d && FieldValues.whole(d)) {
            return d.longValue();
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
