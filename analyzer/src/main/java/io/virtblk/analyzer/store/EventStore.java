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
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TopDocs;

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
        return Aggregations.stats(sources.values(), parse(query), f);
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
        return Aggregations.histogram(sources.values(), parse(query), f, interval, shift);
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
        Matches.forEachMatch(reader, q, leaf -> {
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
     * {@code ioctl.name}, never written in the line).
     */
    public List<String> fieldsHolding(String value) throws IOException {
        return Completions.fieldsHolding(sources.values(), value);
    }

    /** Values of a keyword field that start with {@code prefix}, for completion; at most {@code limit}. */
    public List<String> values(String field, String prefix, int limit) throws IOException {
        return Completions.values(sources, field, prefix, limit);
    }

    /** An example value per field, from the first event that has one. */
    public Map<String, String> examples() throws IOException {
        return Completions.examples(sources.values());
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
