package io.virtblk.analyzer.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.NumericUtils;

/**
 * A field's doc values as the store shows them: numbers without a needless ".0", times as
 * times, one value per document or the first of a segment. Hits, stats, completion and the
 * clusters print values through here, so a value reads the same everywhere.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** A number as hits show it: a long when the text has no fraction or exponent, else a double. */
    public static Object numberOf(String s) {
        // boxed on each side: a plain ?: of double and long promotes both to double, and every line number came out 38.0
        return s.indexOf('.') >= 0 || s.indexOf('E') >= 0 || s.indexOf('N') >= 0 || s.indexOf('I') >= 0
                ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
    }

    static List<String> values(LeafReader r, Schema.Field f, int doc) throws IOException {
        List<String> out = new ArrayList<>(1);
        if (f.kind() == FieldKind.KEYWORD) {
            SortedSetDocValues dv = DocValues.getSortedSet(r, f.name());
            if (dv.advanceExact(doc)) {
                for (int i = 0; i < dv.docValueCount(); i++) {
                    out.add(dv.lookupOrd(dv.nextOrd()).utf8ToString());
                }
            }
        } else {
            SortedNumericDocValues dv = DocValues.getSortedNumeric(r, f.name());
            if (dv.advanceExact(doc)) {
                for (int i = 0; i < dv.docValueCount(); i++) {
                    out.add(text(f, dv.nextValue()));
                }
            }
        }
        return out;
    }

    static List<String> firstValue(LeafReader r, Schema.Field f) throws IOException {
        if (f.kind() == FieldKind.KEYWORD) {
            SortedSetDocValues dv = DocValues.getSortedSet(r, f.name());
            return dv.nextDoc() == DocIdSetIterator.NO_MORE_DOCS ? List.of() : values(r, f, dv.docID());
        }
        SortedNumericDocValues dv = DocValues.getSortedNumeric(r, f.name());
        return dv.nextDoc() == DocIdSetIterator.NO_MORE_DOCS ? List.of() : values(r, f, dv.docID());
    }

    /** A number or time doc value as hits and stats print it. */
    static String text(Schema.Field f, long raw) {
        return switch (f.kind()) {
            case TIME -> Times.of(raw).toString();
            case DOUBLE -> plain(NumericUtils.sortableLongToDouble(raw));
            default -> Long.toString(raw);
        };
    }

    static double number(Schema.Field f, long raw) {
        return f.kind() == FieldKind.DOUBLE ? NumericUtils.sortableLongToDouble(raw) : raw;
    }

    /** A double as the store prints it: whole values without ".0", so stats keys and hits read the same everywhere. */
    public static String plain(double v) {
        return whole(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A double that prints as a long: whole, and small enough that no digit is lost. */
    static boolean whole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15;
    }
}
