package io.virtblk.analyzer.store;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Counts over the matches of a query, from doc values: per value of a field ({@code stats}) and
 * per bucket of a number or time ({@code histogram}). Strings are made once per distinct value,
 * never per document, so a count over millions of events stays quick.
 */
final class Aggregations {

    private Aggregations() {
    }

    /** Counts of matching events per value of {@code f} (keywords, or numbers as text); {@code source} counts per source. */
    static Map<String, Long> stats(Collection<SourceIndex> sources, Query q, Schema.Field f) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (SourceIndex s : sources) {
            if (f.name().equals("source")) {
                long n = new IndexSearcher(s.reader()).count(q);
                if (n > 0) {
                    counts.merge(s.summary().name(), n, Long::sum);
                }
                continue;
            }
            if (f.kind() == FieldKind.KEYWORD) {
                keywordCounts(s.reader(), q, f.name(), counts);
                continue;
            }
            numberCounts(s.reader(), q, f, counts);
        }
        return counts;
    }

    /** Counts per raw doc value, turned into text once per distinct value: no string per document. */
    private static void numberCounts(DirectoryReader reader, Query q, Schema.Field f, Map<String, Long> counts) throws IOException {
        Map<Long, long[]> perValue = new java.util.HashMap<>();
        Matches.forEachMatch(reader, q, leaf -> {
            SortedNumericDocValues dv = DocValues.getSortedNumeric(leaf.reader(), f.name());
            return doc -> {
                if (dv.advanceExact(doc)) {
                    for (int i = 0; i < dv.docValueCount(); i++) {
                        perValue.computeIfAbsent(dv.nextValue(), v -> new long[1])[0]++;
                    }
                }
            };
        });
        perValue.forEach((raw, n) -> counts.merge(FieldValues.text(f, raw), n[0], Long::sum));
    }

    /** Counts per ordinal of a keyword's doc values, turned into terms once per segment: no string per document. */
    private static void keywordCounts(DirectoryReader reader, Query q, String field, Map<String, Long> counts) throws IOException {
        Map<LeafReaderContext, long[]> perLeaf = new java.util.IdentityHashMap<>();
        Map<LeafReaderContext, SortedSetDocValues> values = new java.util.IdentityHashMap<>();
        Matches.forEachMatch(reader, q, leaf -> {
            SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), field);
            long[] perOrd = new long[(int) dv.getValueCount()];
            values.put(leaf, dv);
            perLeaf.put(leaf, perOrd);
            return doc -> {
                if (dv.advanceExact(doc)) {
                    for (int i = 0; i < dv.docValueCount(); i++) {
                        perOrd[(int) dv.nextOrd()]++;
                    }
                }
            };
        });
        for (var e : perLeaf.entrySet()) {
            SortedSetDocValues dv = values.get(e.getKey());
            long[] perOrd = e.getValue();
            for (int ord = 0; ord < perOrd.length; ord++) {
                if (perOrd[ord] > 0) {
                    counts.merge(dv.lookupOrd(ord).utf8ToString(), perOrd[ord], Long::sum);
                }
            }
        }
    }

    /**
     * Counts of matching events per bucket of {@code interval} of a number or time field, buckets
     * starting {@code shift} before the multiples of the interval; keys are bucket starts.
     */
    static TreeMap<Double, Long> histogram(Collection<SourceIndex> sources, Query q, Schema.Field f, double interval, double shift)
            throws IOException {
        Map<Double, long[]> perBucket = new java.util.HashMap<>();
        for (SourceIndex s : sources) {
            Matches.forEachMatch(s.reader(), q, leaf -> {
                SortedNumericDocValues dv = DocValues.getSortedNumeric(leaf.reader(), f.name());
                // events come in time order, so most fall in the bucket of the one before: look it up only on a change
                double[] start = {Double.NaN};
                long[][] count = {null};
                return doc -> {
                    if (dv.advanceExact(doc)) {
                        double bucket = Math.floor((FieldValues.number(f, dv.nextValue()) + shift) / interval) * interval - shift;
                        if (bucket != start[0]) {
                            start[0] = bucket;
                            count[0] = perBucket.computeIfAbsent(bucket, b -> new long[1]);
                        }
                        count[0][0]++;
                    }
                };
            });
        }
        TreeMap<Double, Long> buckets = new TreeMap<>();
        perBucket.forEach((start, n) -> buckets.put(start, n[0]));
        return buckets;
    }
}
