package io.virtblk.analyzer.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.virtblk.grammar.driver.DriverGrammars;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The cache folder: one index per file, in a folder named by a hash of the file's real path
 * (symbolic links and {@code ..} resolved, so {@code x.log} and {@code ../d/x.log} are one entry
 * and two files of one name in different folders are two).
 *
 * <p>An index is reused only when the file read now has the size, time and CRC32C it had when
 * indexed, and the index's own checksums hold (Lucene's integrity check); otherwise it is made
 * again, saying why when it was damaged. Two processes loading one file take turns through a
 * lock file in {@code .locks/}: the second waits and then reuses what the first made. A pipe
 * or a device is never cached by path: its index lives in {@code .tmp/} for the session.
 */
final class IndexCache {

    /** The spool of a file's text, in its index's folder, when it is not read back from the file itself. */
    static final String SPOOL = "text";

    private static final ObjectMapper META = JsonMapper.builder().build();
    /** File locks are per process; loads in one process take turns here first. */
    private static final ConcurrentHashMap<String, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private IndexCache() {
    }

    static SourceIndex load(SourceLoader.Spec spec, SourceLoader loader, Path cache, SourceIndex.Progress progress) throws IOException {
        Path file = spec.path();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            return temporary(spec, loader, cache, progress);
        }
        Path real = file.toRealPath();
        String key = key(real, spec);
        Path dir = cache.resolve(key);
        // the report kinds, the Java drivers' grammars and the lines of drivers defined by files
        // all decide what the lines mean
        String drivers = loader.drivers().fingerprint();
        String reports = loader.reports().fingerprint() + " grammars " + DriverGrammars.fingerprint()
                + (drivers.isEmpty() ? "" : " drivers " + drivers) + (loader.pairsBlockRequests() ? "" : " unpaired");
        Lock lock;
        try {
            lock = Lock.take(cache, key, progress);
        } catch (FileSystemException e) {
            // a cache we cannot write (another user's, a read-only disk) can still be read
            Reuse r = reuse(spec, real, dir, reports, loader.limits().maxLineBytes());
            return r.index() != null ? r.index() : SourceIndex.inMemory(spec, loader, progress, List.of(unwritable(cache, e)));
        }
        try (lock) {
            Reuse r = reuse(spec, real, dir, reports, loader.limits().maxLineBytes());
            if (r.index() != null) {
                return r.index();
            }
            return build(spec, loader, dir, reports, progress, r.why() == null ? List.of() : List.of(r.why()));
        }
    }

    private static String unwritable(Path cache, FileSystemException e) {
        String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return "the cache folder " + cache + " cannot be written (" + why + "): indexed in memory this time; "
                + "--cache DIR keeps indexes in another folder";
    }

    private static SourceIndex build(SourceLoader.Spec spec, SourceLoader loader, Path dir, String reports, SourceIndex.Progress progress,
                                     List<String> notes) throws IOException {
        SourceIndex.deleteTree(dir);
        Files.createDirectories(dir);
        Directory d = FSDirectory.open(dir.resolve("index"));
        try {
            LoadedSource summary = IndexBuild.run(spec, loader, d, dir.resolve(SPOOL), progress);
            writeMeta(dir, summary, reports);
            return new SourceIndex(summary, d, false, dir, null, notes);
        } catch (RuntimeException | IOException | Error e) {
            SourceIndex.uninterrupted(() -> {
                d.close();
                SourceIndex.deleteTree(dir);
            }, e);
            throw e;
        }
    }

    /** A pipe, FIFO or device: indexed in a folder of this session's, which goes when the source does. */
    private static SourceIndex temporary(SourceLoader.Spec spec, SourceLoader loader, Path cache, SourceIndex.Progress progress)
            throws IOException {
        Path dir;
        try {
            Path root = cache.resolve(".tmp");
            Files.createDirectories(root);
            sweep(root);
            dir = Files.createTempDirectory(root, ProcessHandle.current().pid() + "-");
        } catch (FileSystemException e) {
            return SourceIndex.inMemory(spec, loader, progress, List.of(unwritable(cache, e)));
        }
        Directory d = FSDirectory.open(dir.resolve("index"));
        try {
            LoadedSource summary = IndexBuild.run(spec, loader, d, dir.resolve(SPOOL), progress);
            return new SourceIndex(summary, d, false, null, dir, List.of());
        } catch (RuntimeException | IOException | Error e) {
            Path made = dir;
            SourceIndex.uninterrupted(() -> {
                d.close();
                SourceIndex.deleteTree(made);
            }, e);
            throw e;
        }
    }

    /** Deletes what processes that ended without closing (kill -9) left in {@code .tmp}. */
    private static void sweep(Path root) {
        try (var entries = Files.list(root)) {
            for (Path p : entries.toList()) {
                String n = p.getFileName().toString();
                int dash = n.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? n : n.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) {
                    SourceIndex.deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a folder left behind costs disk, not answers
        }
    }

    /** The cached index when the file and the index are both as they were; else why not (null when nothing needs saying). */
    private record Reuse(SourceIndex index, String why) {
        static final Reuse NONE = new Reuse(null, null);
    }

    private static Reuse reuse(SourceLoader.Spec spec, Path real, Path dir, String reports, int maxLine) throws IOException {
        Path meta = dir.resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            return Reuse.NONE;
        }
        IndexMeta m;
        try {
            m = META.readValue(meta.toFile(), IndexMeta.class);
        } catch (IOException e) {
            return new Reuse(null, "the cached index's meta.json could not be read (" + e.getClass().getSimpleName() + "): made again");
        }
        if (m.version != IndexMeta.FORMAT) {
            // an index another version of the tool wrote may mean other things by the same fields: never read, said
            return new Reuse(null, "the cached index was made by " + (m.version < IndexMeta.FORMAT ? "an older" : "a newer")
                    + " virtblk-shell (index format " + m.version + ", this one reads " + IndexMeta.FORMAT + "): made again from the file");
        }
        if (!reports.equals(m.reports) || m.maxLine != maxLine) {
            return Reuse.NONE; // made with other report kinds, driver lines or line limit, all the user's choice: made again
        }
        if (m.bytes != Files.size(real) || m.modified != Files.getLastModifiedTime(real).toMillis()
                || (spec.forced() != null && !spec.forced().name().equals(m.format)) || m.checksum != FileChecksum.crc32c(real, Long.MAX_VALUE)) {
            return Reuse.NONE; // the file changed: the usual reason, nothing to say
        }
        Directory d = null;
        SourceIndex index = null;
        try {
            if (m.spool && !Files.isRegularFile(dir.resolve(SPOOL))) {
                throw new NoSuchFileException(dir.resolve(SPOOL).toString(), null, "the spool of the file's text is missing");
            }
            d = FSDirectory.open(dir.resolve("index"));
            index = new SourceIndex(m.toSummary(spec.name(), spec.path(), real, dir), d, true, dir, null, List.of());
            index.checkIntegrity();
            return new Reuse(index, null);
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || Interrupts.causedBy(e)) {
                throw e;
            }
            Directory opened = d;
            SourceIndex made = index;
            SourceIndex.uninterrupted(() -> {
                if (made != null) {
                    made.close();
                } else if (opened != null) {
                    opened.close();
                }
            }, e);
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Reuse(null, "the cached index was damaged (" + (what.length() > 200 ? what.substring(0, 200) + "..." : what)
                    + "): made again from the file");
        }
    }

    private static void writeMeta(Path dir, LoadedSource s, String reports) throws IOException {
        Path tmp = dir.resolve("meta.json.tmp");
        IndexMeta m = IndexMeta.of(s);
        m.reports = reports;
        META.writeValue(tmp.toFile(), m);
        Files.move(tmp, dir.resolve("meta.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The cache folder of a file: a hash of its real path and forced format. */
    static String key(Path real, SourceLoader.Spec spec) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String id = real + "|" + (spec.forced() == null ? "" : spec.forced().id());
            return HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Held while one file's cache entry is checked and, if need be, made. */
    private static final class Lock implements Closeable {
        private final ReentrantLock inProcess;
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(ReentrantLock inProcess, FileChannel channel, FileLock lock) {
            this.inProcess = inProcess;
            this.channel = channel;
            this.lock = lock;
        }

        static Lock take(Path cache, String key, SourceIndex.Progress progress) throws IOException {
            ReentrantLock mine = IN_THIS_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
            try {
                mine.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
            FileChannel channel = null;
            try {
                Path locks = cache.resolve(".locks");
                Files.createDirectories(locks);
                channel = FileChannel.open(locks.resolve(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    progress.waiting("another virtblk-shell is indexing this file; waiting for it (Ctrl-C stops waiting)");
                    lock = channel.lock();
                }
                return new Lock(mine, channel, lock);
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    FileChannel c = channel;
                    SourceIndex.uninterrupted(c::close, e);
                }
                mine.unlock();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } finally {
                inProcess.unlock();
            }
        }
    }
}
