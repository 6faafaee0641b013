package io.virtblk.analyzer.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.virtblk.event.Event;
import io.virtblk.load.InputFormat;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32C;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One loaded source's events in a Lucene index of its own, on disk in the cache or in memory.
 *
 * <p>Building streams: the caller's thread parses, the other cores turn events into documents
 * and index them, with a bounded queue between, so memory stays flat whatever the file's size.
 * A cached index is reused when the file has the same size, modification time and CRC32C as
 * when it was indexed; {@code meta.json}, written last, is the mark of a complete index.
 */
public final class SourceIndex implements Closeable {

    private static final int BATCH = 1024;
    private static final ObjectMapper META = JsonMapper.builder().build();

    private final LoadedSource summary;
    private final Directory directory;
    private final DirectoryReader reader;
    private final boolean reused;
    private final Path folder;

    private SourceIndex(LoadedSource summary, Directory directory, boolean reused, Path folder) throws IOException {
        this.summary = summary;
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.reused = reused;
        this.folder = folder;
    }

    /** The index's folder in the cache; null when it is kept in memory. */
    public Path folder() {
        return folder;
    }

    public LoadedSource summary() {
        return summary;
    }

    public DirectoryReader reader() {
        return reader;
    }

    /** True when the index came from the cache instead of a parse. */
    public boolean reused() {
        return reused;
    }

    /** Size of the index's files, in bytes. */
    public long sizeOnDisk() throws IOException {
        long total = 0;
        for (String f : directory.listAll()) {
            total += directory.fileLength(f);
        }
        return total;
    }

    /**
     * Opens {@code spec}'s index from {@code cache} when it is current, else parses and indexes
     * the file (into {@code cache}, or into memory when {@code cache} is null).
     */
    /** Told how far a load has got; called from the parsing thread every few thousand events. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (bytes, total, events) -> { };

        void update(long bytesRead, long totalBytes, long events);
    }

    public static SourceIndex load(SourceLoader.Spec spec, SourceLoader loader, Path cache) throws IOException {
        return load(spec, loader, cache, Progress.NONE);
    }

    /**
     * As {@link #load(SourceLoader.Spec, SourceLoader, Path)}, reporting progress; an interrupt of
     * the calling thread cancels the load ({@link java.util.concurrent.CancellationException}) and
     * leaves no partial index behind.
     */
    public static SourceIndex load(SourceLoader.Spec spec, SourceLoader loader, Path cache, Progress progress) throws IOException {
        SourceIndex index;
        try {
            index = cache == null ? inMemory(spec, loader, progress) : cached(spec, loader, cache.resolve(key(spec)), progress);
        } catch (RuntimeException | IOException e) {
            // an interrupt may land anywhere: while parsing, in a queue, in a file channel, in Lucene's
            // flush or commit; wherever it lands, the user asked to stop (both tests are run: the flag is cleared)
            if (Thread.interrupted() | Interrupts.causedBy(e)) {
                throw cancelled(spec, e);
            }
            throw e;
        }
        if (Thread.interrupted()) {
            // landed after the index was complete: still a cancellation, and a complete cached index stays for next time
            index.close();
            throw cancelled(spec, null);
        }
        return index;
    }

    private static java.util.concurrent.CancellationException cancelled(SourceLoader.Spec spec, Throwable through) {
        return Interrupts.cancelled("load of " + spec.name() + " cancelled; what was loaded before stays loaded", through);
    }

    private static SourceIndex inMemory(SourceLoader.Spec spec, SourceLoader loader, Progress progress) throws IOException {
        Directory d = new ByteBuffersDirectory();
        return new SourceIndex(build(spec, loader, d, progress), d, false, null);
    }

    /** The cached index in {@code dir} when it is current, else a new one built there; a failed build leaves nothing behind. */
    private static SourceIndex cached(SourceLoader.Spec spec, SourceLoader loader, Path dir, Progress progress) throws IOException {
        SourceIndex reused = reuse(spec, dir, loader.reports().fingerprint());
        if (reused != null) {
            return reused;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        Directory d = FSDirectory.open(dir.resolve("index"));
        try {
            LoadedSource summary = build(spec, loader, d, progress);
            writeMeta(dir, summary, loader.reports().fingerprint());
            return new SourceIndex(summary, d, false, dir);
        } catch (RuntimeException | IOException e) {
            uninterrupted(() -> {
                d.close();
                deleteTree(dir);
            }, e);
            throw e;
        }
    }

    private interface Cleanup {
        void run() throws IOException;
    }

    /**
     * Runs a cleanup with no interrupt pending (a pending one would make its file operations fail
     * in turn), then restores the interrupt; a failure of the cleanup is kept with {@code failure}.
     */
    private static void uninterrupted(Cleanup cleanup, Throwable failure) {
        boolean interrupted = Thread.interrupted();
        try {
            cleanup.run();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static LoadedSource build(SourceLoader.Spec spec, SourceLoader loader, Directory directory, Progress progress)
            throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.index());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        // A bulk load of one file: no merging while it runs (merges would compete with indexing for
        // both cores); a million events end up in a handful of segments, which search fine.
        config.setRAMBufferSizeMB(96);
        config.setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
        config.setUseCompoundFile(false);
        config.setCommitOnClose(true);
        String name = spec.name();
        EventJson json = new EventJson();
        long total = Files.size(spec.path());
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            // Parsing is a fifth of the work: every core indexes, the parser shares one with an indexer.
            int indexers = Math.max(1, Runtime.getRuntime().availableProcessors());
            BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(4 * (indexers + 1));
            List<Thread> threads = new ArrayList<>();
            Throwable[] failure = {null};
            for (int i = 0; i < indexers; i++) {
                Thread t = Thread.ofPlatform().name("virtblk-index-" + i).start(() -> {
                    try {
                        List<Document> docs = new ArrayList<>(BATCH);
                        for (List<Object[]> batch; !(batch = queue.take()).isEmpty(); ) {
                            docs.clear();
                            for (Object[] item : batch) {
                                docs.add(EventDocuments.of((Event) item[0], name, (long) item[1], (long) item[2], json));
                            }
                            writer.addDocuments(docs);
                        }
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                        queue.clear();
                    }
                });
                threads.add(t);
            }
            long[] seq = {0};
            List<Object[]>[] batch = new List[] {new ArrayList<>(BATCH)};
            LoadedSource summary;
            try {
                summary = loader.stream(spec, (event, offset) -> {
                    batch[0].add(new Object[] {event, offset, seq[0]++});
                    if (batch[0].size() == BATCH) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new java.util.concurrent.CancellationException("interrupted");
                        }
                        put(queue, batch[0], failure);
                        batch[0] = new ArrayList<>(BATCH);
                        if ((seq[0] & 0x3FFF) == 0) {
                            progress.update(Math.max(0, offset), total, seq[0]);
                        }
                    }
                });
                put(queue, batch[0], failure);
            } finally {
                for (int i = 0; i < threads.size(); i++) {
                    end(queue);
                }
                for (Thread t : threads) {
                    join(t);
                }
            }
            if (failure[0] != null) {
                throw new IOException("indexing " + name + " failed: " + failure[0], failure[0]);
            }
            progress.update(total, total, seq[0]);
            writer.close();
            return summary.summary();
        } catch (RuntimeException | IOException | Error e) {
            uninterrupted(writer::rollback, e);
            throw e;
        }
    }

    private static void put(BlockingQueue<List<Object[]>> queue, List<Object[]> batch, Throwable[] failure) {
        if (batch.isEmpty()) {
            return;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("indexing failed: " + failure[0], failure[0]);
        }
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the load's caller sees it and says the load was cancelled
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    /**
     * Tells an indexing thread to stop, even when a Ctrl-C is pending or comes again: a thread not
     * told would wait for ever, or write into an index being rolled back.
     */
    private static void end(BlockingQueue<List<Object[]>> queue) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(List.of());
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for an indexing thread to drain; a second Ctrl-C must not leave it writing into a closed index. */
    private static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: it stops as soon as it reads the end marker
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cached index of {@code spec}, if its file is unchanged; null otherwise. */
    private static SourceIndex reuse(SourceLoader.Spec spec, Path dir, String reports) throws IOException {
        Path meta = dir.resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Meta m;
        try {
            m = META.readValue(meta.toFile(), Meta.class);
        } catch (IOException e) {
            return null; // an older or damaged cache entry: build it again
        }
        if (m.version != Meta.FORMAT || !reports.equals(m.reports)) {
            return null; // made by another version of the store, or with other report kinds: made again
        }
        Path path = spec.path();
        if (m.bytes != Files.size(path) || m.modified != Files.getLastModifiedTime(path).toMillis()
                || !formatMatches(m, spec) || m.checksum != crc32c(path)) {
            return null;
        }
        return new SourceIndex(m.toSummary(spec.name()), FSDirectory.open(dir.resolve("index")), true, dir);
    }

    private static boolean formatMatches(Meta m, SourceLoader.Spec spec) {
        return spec.forced() == null || spec.forced().name().equals(m.format);
    }

    private static void writeMeta(Path dir, LoadedSource s, String reports) throws IOException {
        Path tmp = dir.resolve("meta.json.tmp");
        Meta m = Meta.of(s);
        m.reports = reports;
        META.writeValue(tmp.toFile(), m);
        Files.move(tmp, dir.resolve("meta.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static long crc32c(Path path) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                crc.update(buf, 0, n);
            }
        }
        return crc.getValue();
    }

    /** The cache folder of a file: a hash of its absolute path and forced format. */
    static String key(SourceLoader.Spec spec) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String id = spec.path().toAbsolutePath().normalize() + "|" + (spec.forced() == null ? "" : spec.forced().id());
            return HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }

    /** What meta.json holds: the source's summary and the file's identity when it was indexed. */
    public static final class Meta {
        /**
         * What the index's documents look like; bumped whenever they change, so an index made by
         * an older version is made again instead of read wrong. 2: kernel reports became one
         * {@code report} event with syzkaller's title.
         */
        static final int FORMAT = 2;

        public int version = FORMAT;
        /** The fingerprint of the report kinds the index was made with. */
        public String reports;
        public String path;
        /** Where the file was, whatever folder it was loaded from (the cache listing shows it); absent in older entries. */
        public String absolutePath;
        public String format;
        public boolean gzip;
        public boolean crlf;
        public int lines;
        public int typedLines;
        public int rawLines;
        public int structuralLines;
        public List<io.virtblk.input.Diagnostic> diagnostics;
        public int diagnosticsDropped;
        public long bytes;
        public long modified;
        public long checksum;

        static Meta of(LoadedSource s) {
            Meta m = new Meta();
            m.path = s.path();
            m.absolutePath = Path.of(s.path()).toAbsolutePath().normalize().toString();
            m.format = s.format().name();
            m.gzip = s.gzip();
            m.crlf = s.crlf();
            m.lines = s.lines();
            m.typedLines = s.typedLines();
            m.rawLines = s.rawLines();
            m.structuralLines = s.structuralLines();
            m.diagnostics = s.diagnostics();
            m.diagnosticsDropped = s.diagnosticsDropped();
            m.bytes = s.bytes();
            m.modified = s.modifiedMillis();
            m.checksum = s.checksum();
            return m;
        }

        LoadedSource toSummary(String name) {
            return new LoadedSource(name, path, InputFormat.valueOf(format), gzip, crlf, lines, List.of(), typedLines, rawLines,
                    structuralLines, diagnostics == null ? List.of() : diagnostics, diagnosticsDropped, bytes, modified, checksum);
        }
    }
}
