package io.virtblk.analyzer.store;

import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * One loaded source's events in a Lucene index of its own, on disk in the cache or in memory.
 *
 * <p>Building is {@link IndexBuild}'s job, finding and checking a cached index {@link IndexCache}'s.
 * Lines are not kept in the index when they can be read back from the file by byte offset; a
 * source read back that way is first checked to be the file that was loaded
 * ({@link #checkUnchanged()}).
 */
public final class SourceIndex implements Closeable {

    private final LoadedSource summary;
    private final Directory directory;
    private final DirectoryReader reader;
    private final boolean reused;
    private final Path folder;
    private final Path owned;
    private final List<String> notes;
    /** The file's size and time when last found changed, and whether it had only grown; checked again only when they move. */
    private volatile long[] lastSeen;

    SourceIndex(LoadedSource summary, Directory directory, boolean reused, Path folder, Path owned, List<String> notes) throws IOException {
        this.summary = summary;
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.reused = reused;
        this.folder = folder;
        this.owned = owned;
        this.notes = List.copyOf(notes);
    }

    /** The index's folder in the cache; null when it is kept in memory or only for this session (a pipe). */
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

    /** What the user should know about how this source was loaded: a damaged cache made again, a cache that cannot be written. */
    public List<String> notes() {
        return notes;
    }

    /** Size of the index's files, in bytes. */
    /**
     * Reads every file of the index and checks its checksum footer: a reused index is trusted
     * only after this, since flipped bytes in doc values otherwise give wrong answers quietly.
     */
    public void checkIntegrity() throws IOException {
        for (LeafReaderContext leaf : reader().leaves()) {
            leaf.reader().checkIntegrity();
        }
    }

    public long sizeOnDisk() throws IOException {
        long total = 0;
        for (String f : directory.listAll()) {
            total += directory.fileLength(f);
        }
        return total;
    }

    /** Told how far a load has got; called from the parsing thread every few thousand events. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (bytes, total, events) -> { };

        void update(long bytesRead, long totalBytes, long events);

        /** The load waits, for another process building the same index. */
        default void waiting(String why) {
        }
    }

    public static SourceIndex load(SourceLoader.Spec spec, SourceLoader loader, Path cache) throws IOException {
        return load(spec, loader, cache, Progress.NONE);
    }

    /**
     * Opens {@code spec}'s index from {@code cache} when it is current, else parses and indexes
     * the file (into {@code cache}, or into memory when {@code cache} is null). An interrupt of
     * the calling thread cancels the load ({@link java.util.concurrent.CancellationException}) and
     * leaves no partial index behind.
     */
    public static SourceIndex load(SourceLoader.Spec spec, SourceLoader loader, Path cache, Progress progress) throws IOException {
        SourceIndex index;
        try {
            index = cache == null ? inMemory(spec, loader, progress, List.of()) : IndexCache.load(spec, loader, cache, progress);
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

    /** An index in memory; a pipe's text is spooled to a temporary file, deleted when the source is closed. */
    static SourceIndex inMemory(SourceLoader.Spec spec, SourceLoader loader, Progress progress, List<String> notes) throws IOException {
        Directory d = new ByteBuffersDirectory();
        Path spool = Files.createTempFile("virtblk-", ".text");
        try {
            LoadedSource summary = IndexBuild.run(spec, loader, d, spool, progress);
            boolean used = spool.toString().equals(summary.readBack().file());
            if (!used) {
                Files.deleteIfExists(spool);
            }
            return new SourceIndex(summary, d, false, null, used ? spool : null, notes);
        } catch (RuntimeException | IOException | Error e) {
            uninterrupted(() -> Files.deleteIfExists(spool), e);
            throw e;
        }
    }

    interface Cleanup {
        void run() throws IOException;
    }

    /**
     * Runs a cleanup with no interrupt pending (a pending one would make its file operations fail
     * in turn), then restores the interrupt; a failure of the cleanup is kept with {@code failure}.
     */
    static void uninterrupted(Cleanup cleanup, Throwable failure) {
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

    /**
     * Fails, saying how, when the file this source's lines are read back from is no longer the one
     * loaded: gone, shorter, or different in what was loaded. A file that only grew (a live
     * kern.log) still reads back right: its loaded part is checked once by checksum.
     */
    public void checkUnchanged() throws IOException {
        LoadedSource.ReadBack rb = summary.readBack();
        if (!rb.original()) {
            return; // a spool is ours and does not change; nothing to read back from a pipe
        }
        Path p = Path.of(rb.file());
        if (!Files.isRegularFile(p)) {
            throw new SourceChanged(summary.name() + ": " + p + " is gone since it was loaded: its lines cannot be read back; "
                    + "the events are still here (load it again to read lines)");
        }
        long size = Files.size(p);
        long modified = Files.getLastModifiedTime(p).toMillis();
        if (size == summary.bytes() && modified == summary.modifiedMillis()) {
            return;
        }
        long[] seen = lastSeen;
        if (seen == null || seen[0] != size || seen[1] != modified) {
            boolean grewOnly = size >= summary.bytes() && FileChecksum.crc32c(p, summary.bytes()) == summary.checksum();
            seen = new long[] {size, modified, grewOnly ? 1 : 0};
            lastSeen = seen;
        }
        if (seen[2] == 0) {
            throw new SourceChanged(summary.name() + " changed since it was loaded (" + String.format("%,d", summary.bytes()) + " bytes then, "
                    + String.format("%,d", size) + " now, and not only added to): lines read back would not be the lines loaded; "
                    + "load it again");
        }
    }

    /** The file a source's lines are read from is not the one loaded. */
    public static final class SourceChanged extends IOException {
        SourceChanged(String message) {
            super(message);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
            directory.close();
        } finally {
            if (owned != null) {
                deleteTree(owned);
            }
        }
    }
}
