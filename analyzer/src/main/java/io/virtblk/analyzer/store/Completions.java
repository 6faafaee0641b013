package io.virtblk.analyzer.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * What the shell completes and suggests from the loaded sources: the values of a keyword field,
 * the fields that hold a word, an example value of every field. Term and doc-value lookups only,
 * never a search.
 */
final class Completions {

    private Completions() {
    }

    /**
     * The keyword fields holding {@code value} exactly (or in capitals) in some loaded source: what a
     * bare word that matched no message text was likely meant for ({@code BLKFLSBUF} is an
     * {@code ioctl.name}, never written in the line). Term lookups only, a few per segment.
     */
    static List<String> fieldsHolding(Collection<SourceIndex> sources, String value) throws IOException {
        List<org.apache.lucene.util.BytesRef> terms = value.equals(value.toUpperCase(java.util.Locale.ROOT))
                ? List.of(new org.apache.lucene.util.BytesRef(value))
                : List.of(new org.apache.lucene.util.BytesRef(value), new org.apache.lucene.util.BytesRef(value.toUpperCase(java.util.Locale.ROOT)));
        List<String> out = new ArrayList<>();
        for (Schema.Field f : Schema.all()) {
            if (f.name().equals("source")) {
                // a source's name is its index's, not a term of its events (SourceScope)
                if (sources.stream().anyMatch(s -> s.summary().name().equals(value))) {
                    out.add(f.name());
                }
            } else if (f.kind() == FieldKind.KEYWORD && holds(sources, f.name(), terms)) {
                out.add(f.name());
            }
        }
        return out;
    }

    private static boolean holds(Collection<SourceIndex> sources, String field, List<org.apache.lucene.util.BytesRef> terms) throws IOException {
        for (SourceIndex s : sources) {
            for (LeafReaderContext leaf : s.reader().leaves()) {
                org.apache.lucene.index.Terms t = leaf.reader().terms(field);
                if (t == null) {
                    continue;
                }
                org.apache.lucene.index.TermsEnum e = t.iterator();
                for (org.apache.lucene.util.BytesRef term : terms) {
                    if (e.seekExact(term)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Values of a keyword field that start with {@code prefix}, for completion; at most {@code limit}. */
    static List<String> values(Map<String, SourceIndex> sources, String field, String prefix, int limit) throws IOException {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        if (Schema.kind(field) != FieldKind.KEYWORD) {
            return List.of();
        }
        if (field.equals("source")) {
            // one index per source: its name is the index's, not a value kept per event (SourceScope answers source: queries)
            return sources.keySet().stream().filter(n -> n.startsWith(prefix)).sorted().limit(limit).toList();
        }
        for (SourceIndex s : sources.values()) {
            for (LeafReaderContext leaf : s.reader().leaves()) {
                SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), field);
                var terms = dv.termsEnum();
                if (terms.seekCeil(new org.apache.lucene.util.BytesRef(prefix)) == org.apache.lucene.index.TermsEnum.SeekStatus.END) {
                    continue;
                }
                for (var t = terms.term(); t != null && out.size() < limit * 4; t = terms.next()) {
                    String v = t.utf8ToString();
                    if (!v.startsWith(prefix)) {
                        break;
                    }
                    out.add(v);
                }
            }
        }
        return out.stream().limit(limit).toList();
    }

    /** An example value per field, from the first event that has one. */
    static Map<String, String> examples(Collection<SourceIndex> sources) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Schema.Field f : Schema.all()) {
            if (f.kind() == FieldKind.TEXT) {
                continue;
            }
            outer:
            for (SourceIndex s : sources) {
                for (LeafReaderContext leaf : s.reader().leaves()) {
                    if (f.name().equals("source")) {
                        out.put(f.name(), s.summary().name());
                        break outer;
                    }
                    List<String> v = FieldValues.firstValue(leaf.reader(), f);
                    if (!v.isEmpty()) {
                        out.put(f.name(), v.getFirst());
                        break outer;
                    }
                }
            }
        }
        return out;
    }
}
