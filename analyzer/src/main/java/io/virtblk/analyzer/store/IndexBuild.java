package io.virtblk.analyzer.store;

import io.virtblk.event.Event;
import io.virtblk.input.Diagnostic;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;

/**
 * Parses one file into one index. The caller's thread parses, the other cores turn events into
 * documents and index them, with a bounded queue between, so memory stays flat whatever the
 * file's size. When a reader fails part-way the loader reads the file again as raw lines: the
 * build then starts over on an empty index ({@link #restart()}).
 */
final class IndexBuild implements SourceLoader.Listener {

    private static final int BATCH = 1024;
    /** Values cut to fit the index, each said in a diagnostic up to this many; the rest are counted. */
    private static final int CUTS_SAID = 100;

    private final SourceLoader.Spec spec;
    private final IndexWriter writer;
    private final SourceIndex.Progress progress;
    private final long total;
    private final EventJson json = new EventJson();
    private final int indexers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(4 * (indexers + 1));
    private final List<Thread> threads = new ArrayList<>();
    private final List<Diagnostic> cuts = new ArrayList<>();
    private int cutsUnsaid;
    private volatile Throwable failure;
    /** Every event was handed on: each indexing thread flushes what it buffered before it stops. */
    private volatile boolean complete;
    private List<Object[]> batch = new ArrayList<>(BATCH);
    private long seq;

    private IndexBuild(SourceLoader.Spec spec, IndexWriter writer, SourceIndex.Progress progress, long total) {
        this.spec = spec;
        this.writer = writer;
        this.progress = progress;
        this.total = total;
    }

    /** Builds {@code spec}'s index in {@code directory}; its text is copied to {@code spool} if it cannot be read back by offset. */
    static LoadedSource run(SourceLoader.Spec spec, SourceLoader loader, Directory directory, Path spool, SourceIndex.Progress progress)
            throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.index());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        // A bulk load of one file: no merging while it runs (merges would compete with indexing for
        // both cores); a million events end up in a handful of segments, which search fine.
        config.setRAMBufferSizeMB(96);
        config.setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
        config.setUseCompoundFile(false);
        config.setCommitOnClose(true);
        long total = Files.isRegularFile(spec.path()) ? Files.size(spec.path()) : 0;
        IndexWriter writer = new IndexWriter(directory, config);
        IndexBuild build = new IndexBuild(spec, writer, progress, total);
        try {
            build.start();
            LoadedSource summary;
            try {
                summary = loader.stream(spec, build, spool);
                build.put();
                build.complete = true;
            } finally {
                build.stop();
            }
            if (build.failure != null) {
                throw new IOException("indexing " + spec.name() + " failed: " + build.failure, build.failure);
            }
            progress.update(total, total, build.seq);
            writer.close();
            return withCuts(summary.summary(), build);
        } catch (RuntimeException | IOException | Error e) {
            SourceIndex.uninterrupted(writer::rollback, e);
            throw e;
        }
    }

    private static LoadedSource withCuts(LoadedSource s, IndexBuild build) {
        if (build.cuts.isEmpty()) {
            return s;
        }
        List<Diagnostic> all = new ArrayList<>(s.diagnostics());
        all.addAll(build.cuts);
        all.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return new LoadedSource(s.name(), s.path(), s.format(), s.gzip(), s.crlf(), s.lines(), s.events(), s.typedLines(), s.rawLines(),
                s.structuralLines(), all, s.diagnosticsDropped() + build.cutsUnsaid, s.bytes(), s.modifiedMillis(), s.checksum(),
                s.readBack());
    }

    @Override
    public void event(Event event, long offset) {
        batch.add(new Object[] {event, offset, seq++});
        if (batch.size() == BATCH) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted");
            }
            put();
            if ((seq & 0x3FFF) == 0) {
                progress.update(Math.max(0, offset), total, seq);
            }
        }
    }

    /** The reader failed and the file is read again as raw lines: drop everything indexed so far. */
    @Override
    public boolean restart() {
        try {
            stop();
            if (failure != null) {
                return false;
            }
            writer.deleteAll();
            synchronized (cuts) {
                cuts.clear();
                cutsUnsaid = 0;
            }
            batch = new ArrayList<>(BATCH);
            seq = 0;
            start();
            return true;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    private void start() {
        threads.clear();
        for (int i = 0; i < indexers; i++) {
            threads.add(Thread.ofPlatform().name("virtblk-index-" + i).start(this::index));
        }
    }

    /** One indexing thread: batches into documents until its end marker, then (a complete load) its last segment. */
    private void index() {
        boolean ended = false;
        try {
            List<Document> docs = new ArrayList<>(BATCH);
            for (List<Object[]> items; !(items = queue.take()).isEmpty(); ) {
                docs.clear();
                for (Object[] item : items) {
                    Event e = (Event) item[0];
                    docs.add(EventDocuments.of(e, (long) item[1], (long) item[2], json, why -> cut(e, why)));
                }
                writer.addDocuments(docs);
            }
            ended = true;
            if (complete && failure == null) {
                // the last segments are written by the indexing threads side by side: left to
                // IndexWriter.close, the loading thread wrote them one after the other (0.96 s of
                // a 4.4 s warm load of 1M lines, on one core; 0.12 s is left to close now).
                // A cancelled or failed load writes nothing
                while (writer.flushNextBuffer()) {
                    // each call writes one thread's buffer, the largest not being written already
                }
            }
        } catch (Throwable e) {
            fail(e);
            if (!ended) {
                discardUntilEnd();
            }
        }
    }

    /**
     * Keeps the first failure, and its cause rather than the other threads' echoes of it: when a
     * flush fails Lucene closes the writer, and a thread still adding documents then fails with
     * "this IndexWriter is closed" — which would hide the full disk behind it.
     */
    private synchronized void fail(Throwable e) {
        Throwable why = e instanceof AlreadyClosedException && e.getCause() != null ? e.getCause() : e;
        if (failure == null || failure instanceof AlreadyClosedException) {
            failure = why;
        }
    }

    /**
     * After a failure, takes and drops batches until this thread's end marker: the loading thread
     * must not wait on a full queue (it sees the failure at its next batch and stops), and each
     * thread takes exactly one end marker — clearing the queue instead could take another
     * thread's and leave {@link #stop()} waiting for it for ever.
     */
    private void discardUntilEnd() {
        while (true) {
            try {
                if (queue.take().isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                // nobody interrupts an indexing thread; if something does, the end marker still comes
            }
        }
    }

    private void cut(Event e, String why) {
        synchronized (cuts) {
            if (cuts.size() < CUTS_SAID) {
                cuts.add(new Diagnostic(spec.name(), e.at().line(), 0, why));
            } else {
                cutsUnsaid++;
            }
        }
    }

    /** Hands the current batch to the indexers; an interrupt while waiting is a cancellation. */
    private void put() {
        if (batch.isEmpty()) {
            return;
        }
        if (failure != null) {
            throw new IllegalStateException("indexing failed: " + failure, failure);
        }
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the load's caller sees it and says the load was cancelled
            throw new CancellationException("interrupted");
        }
        batch = new ArrayList<>(BATCH);
    }

    /** Tells every indexing thread to stop and waits for it, even through a Ctrl-C (see {@link #end}). */
    private void stop() {
        for (int i = 0; i < threads.size(); i++) {
            end(queue);
        }
        for (Thread t : threads) {
            join(t);
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
}
