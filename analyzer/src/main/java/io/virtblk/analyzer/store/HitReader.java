package io.virtblk.analyzer.store;

import io.virtblk.event.Event;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;

/**
 * Turns documents of one source back into hits: every schema field from doc values, the line from
 * the file (or stored, for multi-line events), the whole event when kept.
 *
 * <p>Doc-values iterators only move forward, so each segment's are kept open while the documents
 * asked for go up (hits in input order nearly always do) and opened again only when one goes
 * back; opening some sixty of them per hit was most of the time of exporting a big query.
 */
final class HitReader implements Closeable {

    private static final List<Schema.Field> FIELDS = Schema.all().stream()
            .filter(f -> f.kind() != FieldKind.TEXT && !f.name().equals("source")).toList();

    private final SourceIndex source;
    private final EventJson json;
    private final List<LeafReaderContext> leaves;
    private final Segment[] open;
    private final LineWindow lines;

    HitReader(SourceIndex source, EventJson json) {
        this.source = source;
        this.json = json;
        this.leaves = source.reader().leaves();
        this.open = new Segment[leaves.size()];
        this.lines = new LineWindow(Path.of(source.summary().path()));
    }

    /** The hit of document {@code doc} of this source's reader. */
    Hit hit(int doc) throws IOException {
        int i = ReaderUtil.subIndex(doc, leaves);
        LeafReaderContext leaf = leaves.get(i);
        int local = doc - leaf.docBase;
        Segment s = open[i];
        if (s == null || local <= s.last) {
            s = open[i] = new Segment(leaf.reader());
        }
        s.last = local;
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int f = 0; f < FIELDS.size(); f++) {
            Object v = s.value(f, local);
            if (v != null) {
                fields.put(FIELDS.get(f).name(), v);
            }
        }
        Document stored = s.stored.document(local);
        String raw = stored.get(EventDocuments.RAW);
        String storedJson = stored.get(EventDocuments.JSON);
        if (raw == null) {
            raw = s.offset.advanceExact(local) ? lines.line(s.offset.longValue()) : "";
        }
        Object line = fields.get("line");
        Object end = fields.getOrDefault("end_line", line);
        Event event = storedJson == null ? null : json.read(storedJson);
        return new Hit(source.summary().name(), ((Number) line).intValue(), ((Number) end).intValue(), (String) fields.get("type"), raw,
                fields, event);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** One segment's open iterators, positioned at {@code last}. */
    private static final class Segment {
        final Object[] values = new Object[FIELDS.size()];
        final NumericDocValues offset;
        final StoredFields stored;
        int last = -1;

        Segment(LeafReader r) throws IOException {
            for (int f = 0; f < FIELDS.size(); f++) {
                Schema.Field field = FIELDS.get(f);
                values[f] = field.kind() == FieldKind.KEYWORD ? DocValues.getSortedSet(r, field.name())
                        : DocValues.getSortedNumeric(r, field.name());
            }
            offset = DocValues.getNumeric(r, EventDocuments.OFFSET);
            stored = r.storedFields();
        }

        /**
         * A field's value as hits show it: keywords and times as text, numbers as numbers (a whole
         * double as a long, as it prints), a list when the event has several; null when none.
         */
        Object value(int f, int doc) throws IOException {
            Schema.Field field = FIELDS.get(f);
            List<Object> out = new ArrayList<>(1);
            if (values[f] instanceof SortedSetDocValues dv) {
                if (dv.advanceExact(doc)) {
                    for (int i = 0; i < dv.docValueCount(); i++) {
                        out.add(dv.lookupOrd(dv.nextOrd()).utf8ToString());
                    }
                }
            } else if (values[f] instanceof SortedNumericDocValues dv && dv.advanceExact(doc)) {
                for (int i = 0; i < dv.docValueCount(); i++) {
                    String text = EventStore.text(field, dv.nextValue());
                    out.add(field.kind() == FieldKind.TIME ? text : EventStore.numberOf(text));
                }
            }
            return out.isEmpty() ? null : out.size() == 1 ? out.getFirst() : out;
        }
    }
}
