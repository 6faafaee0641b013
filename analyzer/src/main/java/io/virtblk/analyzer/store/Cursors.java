package io.virtblk.analyzer.store;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.NumericUtils;

/**
 * Reads some schema fields of one source's documents from doc values, document by document in
 * any order. Doc-values iterators only move forward, so each segment's are kept open while the
 * documents asked for go up (in input order they nearly always do) and opened again when one
 * goes back; opening them per document was most of the time of reading a big query's events.
 */
final class Cursors {

    private final List<LeafReaderContext> leaves;
    private final List<Schema.Field> fields;
    private final Segment[] open;

    Cursors(DirectoryReader reader, List<Schema.Field> fields) {
        this.leaves = reader.leaves();
        this.fields = fields;
        this.open = new Segment[leaves.size()];
    }

    /** The segment holding {@code doc} (of the source's reader), positioned on it. */
    Segment at(int doc) throws IOException {
        int i = ReaderUtil.subIndex(doc, leaves);
        LeafReaderContext leaf = leaves.get(i);
        int local = doc - leaf.docBase;
        Segment s = open[i];
        if (s == null || local <= s.doc) {
            s = open[i] = new Segment(leaf.reader(), fields);
        }
        s.doc = local;
        return s;
    }

    /** One segment's iterators, and the document they are on. */
    static final class Segment {
        private static final int CACHED_ORDS = 1 << 16;

        private final List<Schema.Field> fields;
        private final Object[] values;
        /** Keyword values by ordinal, for fields with few of them (type, ioctl.name): one String each, not one per event. */
        private final String[][] terms;
        private final long[] lastTime;
        private final LocalDateTime[] lastTimeValue;
        /** A time field's microseconds within its millisecond, where the log wrote them. */
        private final NumericDocValues[] micros;
        final NumericDocValues offset;
        final StoredFields stored;
        int doc = -1;

        Segment(LeafReader r, List<Schema.Field> fields) throws IOException {
            this.fields = fields;
            values = new Object[fields.size()];
            terms = new String[fields.size()][];
            lastTime = new long[fields.size()];
            lastTimeValue = new LocalDateTime[fields.size()];
            micros = new NumericDocValues[fields.size()];
            for (int f = 0; f < fields.size(); f++) {
                Schema.Field field = fields.get(f);
                if (field.kind() == FieldKind.KEYWORD) {
                    SortedSetDocValues dv = DocValues.getSortedSet(r, field.name());
                    values[f] = dv;
                    if (dv.getValueCount() <= CACHED_ORDS) {
                        terms[f] = new String[(int) dv.getValueCount()];
                    }
                } else {
                    values[f] = DocValues.getSortedNumeric(r, field.name());
                }
                if (field.kind() == FieldKind.TIME) {
                    micros[f] = DocValues.getNumeric(r, EventDocuments.MICROS + field.name());
                }
            }
            offset = DocValues.getNumeric(r, EventDocuments.OFFSET);
            stored = r.storedFields();
        }

        /**
         * Field {@code f}'s value on this document: a String (keyword), Long, Double or
         * LocalDateTime (time; one object for a run of events in the same millisecond), a List when
         * the event has several, null when none.
         */
        Object value(int f) throws IOException {
            if (values[f] instanceof SortedSetDocValues dv) {
                if (!dv.advanceExact(doc)) {
                    return null;
                }
                int n = dv.docValueCount();
                if (n == 1) {
                    return term(f, dv, dv.nextOrd());
                }
                List<Object> all = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    all.add(term(f, dv, dv.nextOrd()));
                }
                return all;
            }
            SortedNumericDocValues dv = (SortedNumericDocValues) values[f];
            if (!dv.advanceExact(doc)) {
                return null;
            }
            int n = dv.docValueCount();
            if (n == 1) {
                Object v = number(f, dv.nextValue());
                if (micros[f] != null && micros[f].docID() <= doc && micros[f].advanceExact(doc)) {
                    v = ((LocalDateTime) v).plusNanos(micros[f].longValue() * 1000);
                }
                return v;
            }
            List<Object> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                all.add(number(f, dv.nextValue()));
            }
            return all;
        }

        private String term(int f, SortedSetDocValues dv, long ord) throws IOException {
            String[] cache = terms[f];
            if (cache == null) {
                return dv.lookupOrd(ord).utf8ToString();
            }
            String t = cache[(int) ord];
            if (t == null) {
                t = cache[(int) ord] = dv.lookupOrd(ord).utf8ToString();
            }
            return t;
        }

        private Object number(int f, long raw) {
            return switch (fields.get(f).kind()) {
                case DOUBLE -> NumericUtils.sortableLongToDouble(raw);
                case TIME -> {
                    if (lastTimeValue[f] == null || lastTime[f] != raw) {
                        lastTime[f] = raw;
                        lastTimeValue[f] = Times.of(raw);
                    }
                    yield lastTimeValue[f];
                }
                default -> raw;
            };
        }
    }
}
