package io.virtblk.analyzer.store;

import io.virtblk.event.Event;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.NumericUtils;

/**
 * The event store: every loaded source's index, queried together. Sources keep their load
 * order; results come in input order (source by source, event by event) unless sorted.
 */
public final class EventStore implements EventSearch, Closeable {

    private final Path cache;
    private final SourceLoader loader;
    private final EventQueries queries = new EventQueries();
    private final EventJson json = new EventJson();
    private final Map<String, SourceIndex> sources = new LinkedHashMap<>();

    /** @param cache folder for indexes, or null to keep them in memory */
    public EventStore(Path cache, SourceLoader loader) {
        this.cache = cache;
        this.loader = loader;
    }

    /** The parser the store loads with, for reading a loaded source again the same way. */
    public SourceLoader loader() {
        return loader;
    }

    public Path cache() {
        return cache;
    }

    /** Loads (or reuses from the cache) one file; a source loaded again replaces the old one. */
    public SourceIndex load(String arg) throws IOException {
        return load(arg, SourceIndex.Progress.NONE);
    }

    /** Loads with progress reports; an interrupt cancels it and leaves the store as it was. */
    public SourceIndex load(String arg, SourceIndex.Progress progress) throws IOException {
        SourceLoader.Spec spec = SourceLoader.Spec.parse(arg);
        SourceIndex index = SourceIndex.load(spec, loader, cache, progress);
        SourceIndex old = sources.remove(spec.name());
        if (old != null) {
            old.close();
        }
        sources.put(spec.name(), index);
        return index;
    }

    public List<SourceIndex> sources() {
        return List.copyOf(sources.values());
    }

    public List<LoadedSource> summaries() {
        return sources.values().stream().map(SourceIndex::summary).toList();
    }

    /**
     * The loaded source a user meant by {@code typed}: a name as loaded, or the file name of exactly
     * one loaded source ({@code kern.log} for {@code /var/log/kern.log}), as people type it after
     * loading by path; null when none or several match.
     */
    public String sourceNamed(String typed) {
        if (sources.containsKey(typed)) {
            return typed;
        }
        List<String> byFile = withFileName(typed);
        return byFile.size() == 1 ? byFile.getFirst() : null;
    }

    /** Why {@code typed} names no single loaded source, listing what is loaded. */
    public String noSourceNamed(String typed) {
        List<String> byFile = withFileName(typed);
        return byFile.size() > 1
                ? typed + " is the file name of " + byFile.size() + " loaded sources; name one as loaded: " + String.join(", ", byFile)
                : "no source named " + typed + "; loaded: " + String.join(", ", sources.keySet());
    }

    /** The loaded sources whose file name (the part after the last slash) is {@code name}. */
    private List<String> withFileName(String name) {
        return sources.keySet().stream().filter(n -> fileName(n).equals(name)).toList();
    }

    private static String fileName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    public boolean unload(String typed) throws IOException {
        String name = sourceNamed(typed);
        SourceIndex s = name == null ? null : sources.remove(name);
        if (s == null) {
            return false;
        }
        s.close();
        return true;
    }

    public void reset() throws IOException {
        for (SourceIndex s : sources.values()) {
            s.close();
        }
        sources.clear();
    }

    /** The query, its {@code source:} parts answered by the names the sources are loaded as now ({@link SourceScope}). */
    public Query parse(String query) {
        Map<Object, String> names = new java.util.HashMap<>();
        for (SourceIndex s : sources.values()) {
            for (LeafReaderContext leaf : s.reader().leaves()) {
                names.put(SourceScope.key(leaf), s.summary().name());
            }
        }
        return SourceScope.rewrite(queries.parse(query), names);
    }

    @Override
    public long count(String query) throws IOException {
        Query q = parse(query);
        long n = 0;
        for (SourceIndex s : sources.values()) {
            n += new IndexSearcher(s.reader()).count(q);
        }
        return n;
    }

    /** Matching events, in input order, at most {@code limit}; {@code total[0]} receives the full count. */
    @Override
    public List<Hit> search(String query, int limit, long[] total) throws IOException {
        Query q = parse(query);
        List<Hit> hits = new ArrayList<>();
        long all = 0;
        Sort inputOrder = new Sort(new SortField(EventDocuments.SEQ, SortField.Type.LONG));
        for (SourceIndex s : sources.values()) {
            IndexSearcher searcher = new IndexSearcher(s.reader());
            int want = Math.max(1, limit - hits.size());
            TopDocs top = searcher.search(q, want, inputOrder);
            all += top.totalHits.value();
            try (HitReader read = new HitReader(s, json)) {
                for (ScoreDoc sd : top.scoreDocs) {
                    if (hits.size() < limit) {
                        hits.add(read.hit(sd.doc));
                    }
                }
            }
        }
        if (total != null) {
            total[0] = all;
        }
        return hits;
    }

    /**
     * Every event matching {@code query}, in input order, with only the {@code fields} asked for and
     * no line text: the lean read replay makes of a big log (the line of any event can be fetched
     * later with {@link #lineText}). {@code keptTypes} names the types whose stored event to read.
     */
    @Override
    public void scan(String query, List<String> fields, java.util.Set<String> keptTypes, java.util.function.Consumer<Row> each)
            throws IOException {
        Query q = parse(query);
        List<Schema.Field> read = new ArrayList<>(List.of(Schema.field("type").orElseThrow(), Schema.field("line").orElseThrow(),
                Schema.field("end_line").orElseThrow()));
        fields.forEach(f -> read.add(Schema.field(f).orElseThrow()));
        for (SourceIndex s : sources.values()) {
            // streamed in input order: a 2 GB log's millions of rows are never held here, only 8 bytes a match to order them
            Cursors cursors = new Cursors(s.reader(), read);
            for (long seqAndDoc : inputOrder(s.reader(), q)) {
                Cursors.Segment c = cursors.at((int) seqAndDoc);
                String t = c.value(0) instanceof String type ? type : "";
                int ln = c.value(1) instanceof Long l ? l.intValue() : 0;
                int en = c.value(2) instanceof Long e ? e.intValue() : ln;
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 3; i < read.size(); i++) {
                    Object v = c.value(i);
                    if (v instanceof List<?> several) {
                        v = several.getFirst();
                    }
                    if (v != null) {
                        m.put(read.get(i).name(), v);
                    }
                }
                Event event = null;
                if (keptTypes.contains(t)) {
                    String json = c.stored.document(c.doc).get(EventDocuments.JSON);
                    event = json == null ? null : this.json.read(json);
                }
                each.accept(new Row(s.summary().name(), ln, en, t, m, event));
            }
        }
    }

    /** The text of one line of a loaded source, as written. */
    @Override
    public int lines(String source) {
        String name = sourceNamed(source);
        SourceIndex s = name == null ? null : sources.get(name);
        return s == null ? 0 : s.summary().lines();
    }

    @Override
    public String lineText(String source, int line) throws IOException {
        List<io.virtblk.input.Line> l = context(source, line, 0);
        return l.isEmpty() ? "" : l.getFirst().text();
    }

    /** Matching events sorted by a schema field (then input order), at most {@code limit}. */
    @Override
    public List<Hit> search(String query, int limit, String sortField, boolean descending, long[] total) throws IOException {
        if (sortField == null) {
            return search(query, limit, total);
        }
        Schema.Field f = Schema.sortable(sortField);
        SortField by = switch (f.kind()) {
            case KEYWORD -> new SortedSetSortField(f.name(), descending);
            case LONG, TIME -> new SortedNumericSortField(f.name(), SortField.Type.LONG, descending);
            case DOUBLE -> new SortedNumericSortField(f.name(), SortField.Type.DOUBLE, descending);
            case TEXT -> throw new IllegalStateException("sortable() refuses text fields");
        };
        List<SourceIndex> list = sources();
        IndexReader[] readers = list.stream().map(SourceIndex::reader).toArray(IndexReader[]::new);
        try (MultiReader multi = new MultiReader(readers, false)) {
            IndexSearcher searcher = new IndexSearcher(multi);
            TopDocs top = searcher.search(parse(query), Math.max(1, limit), new Sort(by, new SortField(EventDocuments.SEQ, SortField.Type.LONG)));
            if (total != null) {
                total[0] = top.totalHits.value();
            }
            List<Hit> hits = new ArrayList<>();
            HitReader[] read = new HitReader[list.size()];
            try {
                for (ScoreDoc sd : top.scoreDocs) {
                    int sub = subIndex(multi, sd.doc);
                    if (read[sub] == null) {
                        read[sub] = new HitReader(list.get(sub), json);
                    }
                    hits.add(read[sub].hit(sd.doc - base(multi, sub)));
                }
            } finally {
                org.apache.lucene.util.IOUtils.close(read);
            }
            return hits;
        }
    }

    /** Counts of matching events per value of {@code field} (keywords, or numbers as text). */
    @Override
    public Map<String, Long> stats(String query, String field) throws IOException {
        Schema.Field f = Schema.countable(field);
        Map<String, Long> counts = new TreeMap<>();
        Query q = parse(query);
        for (SourceIndex s : sources.values()) {
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
        forEachMatch(reader, q, leaf -> {
            SortedNumericDocValues dv = DocValues.getSortedNumeric(leaf.reader(), f.name());
            return doc -> {
                if (dv.advanceExact(doc)) {
                    for (int i = 0; i < dv.docValueCount(); i++) {
                        perValue.computeIfAbsent(dv.nextValue(), v -> new long[1])[0]++;
                    }
                }
            };
        });
        perValue.forEach((raw, n) -> counts.merge(text(f, raw), n[0], Long::sum));
    }

    /** Counts per ordinal of a keyword's doc values, turned into terms once per segment: no string per document. */
    private static void keywordCounts(DirectoryReader reader, Query q, String field, Map<String, Long> counts) throws IOException {
        Map<LeafReaderContext, long[]> perLeaf = new java.util.IdentityHashMap<>();
        Map<LeafReaderContext, SortedSetDocValues> values = new java.util.IdentityHashMap<>();
        forEachMatch(reader, q, leaf -> {
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

    /** Counts of matching events per bucket of {@code interval} of a number or time field; keys are bucket starts. */
    public TreeMap<Double, Long> histogram(String query, String field, double interval) throws IOException {
        return histogram(query, field, interval, 0);
    }

    /**
     * As {@link #histogram(String, String, double)} with buckets that start {@code shift} before
     * the multiples of the interval: a day or an hour in the zone the user reads times in, not in
     * UTC ({@code shift} is the zone's offset in the field's unit).
     */
    public TreeMap<Double, Long> histogram(String query, String field, double interval, double shift) throws IOException {
        Schema.Field f = Schema.field(field).filter(x -> x.kind() != FieldKind.KEYWORD && x.kind() != FieldKind.TEXT)
                .orElseThrow(() -> new QueryError(field, 1, "histograms need a number or time field such as time or mono; not '" + field + "'"));
        if (!(interval > 0)) {
            throw new QueryError(field, 1, "the interval must be positive");
        }
        Map<Double, long[]> perBucket = new java.util.HashMap<>();
        Query q = parse(query);
        for (SourceIndex s : sources.values()) {
            forEachMatch(s.reader(), q, leaf -> {
                SortedNumericDocValues dv = DocValues.getSortedNumeric(leaf.reader(), f.name());
                // events come in time order, so most fall in the bucket of the one before: look it up only on a change
                double[] start = {Double.NaN};
                long[][] count = {null};
                return doc -> {
                    if (dv.advanceExact(doc)) {
                        double bucket = Math.floor((number(f, dv.nextValue()) + shift) / interval) * interval - shift;
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

    /**
     * Every event matching {@code query}, source by source in input order, handed over one at a
     * time (export streams them: the hits of a big query are never all in memory; 8 bytes a match
     * are, to put them in order).
     */
    public void forEachHit(String query, java.util.function.Consumer<Hit> each) throws IOException {
        Query q = parse(query);
        for (SourceIndex s : sources.values()) {
            long[] order = inputOrder(s.reader(), q);
            try (HitReader read = new HitReader(s, json)) {
                for (int i = 0; i < order.length; i++) {
                    // an export of millions of events can take a while: Ctrl-C (an interrupt) stops it
                    if ((i & 0x3FF) == 0 && Thread.interrupted()) {
                        throw new java.util.concurrent.CancellationException("interrupted");
                    }
                    each.accept(read.hit((int) order[i]));
                }
            }
        }
    }

    /** The matching documents of one source as (input position << 32 | doc), sorted: input order. */
    private static long[] inputOrder(DirectoryReader reader, Query q) throws IOException {
        java.util.stream.LongStream.Builder out = java.util.stream.LongStream.builder();
        forEachMatch(reader, q, leaf -> {
            NumericDocValues seq = DocValues.getNumeric(leaf.reader(), EventDocuments.SEQ);
            return doc -> out.add((seq.advanceExact(doc) ? seq.longValue() : 0) << 32 | (leaf.docBase + doc));
        });
        long[] sorted = out.build().toArray();
        java.util.Arrays.parallelSort(sorted);
        return sorted;
    }

    /** The whole events the store keeps (fio, reports, transcript) matching a query, in input order. */
    public List<Event> kept(String query) throws IOException {
        List<Event> out = new ArrayList<>();
        forEachHit(query, h -> {
            if (h.event() != null) {
                out.add(h.event());
            }
        });
        return out;
    }

    /**
     * The keyword fields holding {@code value} exactly (or in capitals) in some loaded source: what a
     * bare word that matched no message text was likely meant for ({@code BLKFLSBUF} is an
     * {@code ioctl.name}, never written in the line). Term lookups only, a few per segment.
     */
    public List<String> fieldsHolding(String value) throws IOException {
        List<org.apache.lucene.util.BytesRef> terms = value.equals(value.toUpperCase(java.util.Locale.ROOT))
                ? List.of(new org.apache.lucene.util.BytesRef(value))
                : List.of(new org.apache.lucene.util.BytesRef(value), new org.apache.lucene.util.BytesRef(value.toUpperCase(java.util.Locale.ROOT)));
        List<String> out = new ArrayList<>();
        for (Schema.Field f : Schema.all()) {
            if (f.kind() == FieldKind.KEYWORD && holds(f.name(), terms)) {
                out.add(f.name());
            }
        }
        return out;
    }

    private boolean holds(String field, List<org.apache.lucene.util.BytesRef> terms) throws IOException {
        for (SourceIndex s : sources.values()) {
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
    public List<String> values(String field, String prefix, int limit) throws IOException {
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
    public Map<String, String> examples() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Schema.Field f : Schema.all()) {
            if (f.kind() == FieldKind.TEXT) {
                continue;
            }
            outer:
            for (SourceIndex s : sources.values()) {
                for (LeafReaderContext leaf : s.reader().leaves()) {
                    if (f.name().equals("source")) {
                        out.put(f.name(), s.summary().name());
                        break outer;
                    }
                    List<String> v = firstValue(leaf.reader(), f);
                    if (!v.isEmpty()) {
                        out.put(f.name(), v.getFirst());
                        break outer;
                    }
                }
            }
        }
        return out;
    }

    /** What to do with one leaf's matches: set up once per leaf (doc values opened once, not per document). */
    private interface LeafVisitor {
        DocVisitor start(LeafReaderContext leaf) throws IOException;
    }

    private interface DocVisitor {
        void accept(int doc) throws IOException;
    }

    private static void forEachMatch(DirectoryReader reader, Query q, LeafVisitor visitor) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1);
        int seen = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            Scorer scorer = w.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator it = scorer.iterator();
            var live = leaf.reader().getLiveDocs();
            DocVisitor each = visitor.start(leaf);
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                // stats and exports over millions of events take seconds: Ctrl-C (an interrupt) stops them
                if ((++seen & 0xFFFF) == 0 && Thread.interrupted()) {
                    throw new java.util.concurrent.CancellationException("interrupted");
                }
                if (live == null || live.get(doc)) {
                    each.accept(doc);
                }
            }
        }
    }

    /** A number as hits show it: a long when the text has no fraction or exponent, else a double. */
    public static Object numberOf(String s) {
        // boxed on each side: a plain ?: of double and long promotes both to double, and every line number came out 38.0
        return s.indexOf('.') >= 0 || s.indexOf('E') >= 0 || s.indexOf('N') >= 0 || s.indexOf('I') >= 0
                ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
    }

    private static List<String> values(LeafReader r, Schema.Field f, int doc) throws IOException {
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

    private static List<String> firstValue(LeafReader r, Schema.Field f) throws IOException {
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

    private static double number(Schema.Field f, long raw) {
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

    /**
     * Lines {@code line - n} to {@code line + n} of a loaded source, numbered, as written. Reading
     * starts at the nearest indexed line before them, so a line near the end of a big log is quick.
     */
    public List<io.virtblk.input.Line> context(String source, int line, int n) throws IOException {
        String name = sourceNamed(source);
        SourceIndex s = name == null ? null : sources.get(name);
        if (s == null) {
            throw new IllegalArgumentException(noSourceNamed(source));
        }
        int from = Math.max(1, line - n);
        int to = line + n;
        long startOffset = 0;
        int startLine = 1;
        if (!s.summary().readBack().gzip()) {
            IndexSearcher searcher = new IndexSearcher(s.reader());
            TopDocs top = searcher.search(org.apache.lucene.document.LongField.newRangeQuery("line", 1, from), 1,
                    new Sort(new SortedNumericSortField("line", SortField.Type.LONG, true)));
            if (top.scoreDocs.length > 0) {
                int doc = top.scoreDocs[0].doc;
                LeafReaderContext leaf = s.reader().leaves().get(org.apache.lucene.index.ReaderUtil.subIndex(doc, s.reader().leaves()));
                NumericDocValues off = DocValues.getNumeric(leaf.reader(), EventDocuments.OFFSET);
                SortedNumericDocValues ln = DocValues.getSortedNumeric(leaf.reader(), "line");
                int local = doc - leaf.docBase;
                if (off.advanceExact(local) && ln.advanceExact(local)) {
                    startOffset = off.longValue();
                    startLine = (int) ln.nextValue();
                }
            }
        }
        List<io.virtblk.input.Line> out = new ArrayList<>();
        LoadedSource.ReadBack readBack = s.summary().readBack();
        if (readBack.file() == null) {
            throw new IOException(s.summary().name() + " was read from a pipe and its text was not kept: its lines cannot be shown again");
        }
        s.checkUnchanged();
        if (readBack.gzip()) {
            startOffset = 0;
            startLine = 1;
        }
        try (var in = java.nio.file.Files.newInputStream(Path.of(readBack.file()))) {
            in.skipNBytes(startOffset);
            java.io.InputStream stream = readBack.gzip() ? new java.util.zip.GZIPInputStream(in) : in;
            io.virtblk.input.LineReader reader = new io.virtblk.input.LineReader(source, stream, new ArrayList<>(),
                    io.virtblk.input.Limits.standard().withMaxLine(readBack.maxLine()));
            for (io.virtblk.input.Line l; (l = reader.next()) != null; ) {
                int number = startLine + l.number() - 1;
                if (number > to) {
                    break;
                }
                if (number >= from) {
                    out.add(new io.virtblk.input.Line(number, startOffset == 0 && number == 1 ? LineWindow.withoutBom(l.text()) : l.text()));
                }
            }
        }
        return out;
    }

    /** Event counts by type in one source, from the type field's doc values. */
    public Map<String, Long> typesOf(SourceIndex s) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (LeafReaderContext leaf : s.reader().leaves()) {
            SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), "type");
            long[] perOrd = new long[(int) dv.getValueCount()];
            var live = leaf.reader().getLiveDocs();
            for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
                if (live == null || live.get(doc)) {
                    perOrd[(int) dv.nextOrd()]++;
                }
            }
            for (int ord = 0; ord < perOrd.length; ord++) {
                if (perOrd[ord] > 0) {
                    counts.merge(dv.lookupOrd(ord).utf8ToString(), perOrd[ord], Long::sum);
                }
            }
        }
        return counts;
    }

    private static int subIndex(MultiReader multi, int doc) {
        return org.apache.lucene.index.ReaderUtil.subIndex(doc, baseStarts(multi));
    }

    private static int[] baseStarts(MultiReader multi) {
        var subs = multi.getContext().children();
        int[] starts = new int[subs.size()];
        for (int i = 0; i < subs.size(); i++) {
            starts[i] = subs.get(i).docBaseInParent;
        }
        return starts;
    }

    private static int base(MultiReader multi, int sub) {
        return multi.getContext().children().get(sub).docBaseInParent;
    }

    @Override
    public void close() throws IOException {
        reset();
    }
}
