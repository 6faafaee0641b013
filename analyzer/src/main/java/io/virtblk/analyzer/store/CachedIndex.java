package io.virtblk.analyzer.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One index in the cache folder: the file it was made from, how big it is on disk, and whether
 * that file is still the one indexed. A 2 GB kern.log leaves a 700 MB index behind, so users
 * need to see what the cache holds and drop what they no longer want.
 */
public record CachedIndex(Path folder, String file, String format, long fileBytes, long sizeOnDisk, State state) {

    /** Whether loading the file again would reuse this index. */
    public enum State {
        /** Same size and time as when indexed (the checksum is checked only on load: it reads the whole file). */
        CURRENT,
        /** The file changed since: the next load indexes it again. */
        CHANGED,
        /** The file is gone. */
        MISSING,
        /** No meta.json: a load that never finished, or an older layout; safe to drop. */
        INCOMPLETE,
        /** Made by an older version from a relative path: which folder it was relative to is not known. */
        UNKNOWN
    }

    private static final ObjectMapper META = JsonMapper.builder()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

    /** Every index under {@code cache}, largest first; none when the folder does not exist. */
    public static List<CachedIndex> list(Path cache) throws IOException {
        List<CachedIndex> out = new ArrayList<>();
        if (cache == null || !Files.isDirectory(cache)) {
            return out;
        }
        try (Stream<Path> folders = Files.list(cache)) {
            // .locks and .tmp are the cache's own (lock files, a session's pipes), not indexes
            for (Path folder : folders.filter(Files::isDirectory).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                out.add(of(folder));
            }
        }
        out.sort(Comparator.comparingLong(CachedIndex::sizeOnDisk).reversed());
        return out;
    }

    private static CachedIndex of(Path folder) throws IOException {
        long size = sizeOf(folder);
        Path meta = folder.resolve("meta.json");
        IndexMeta m;
        try {
            m = Files.isRegularFile(meta) ? META.readValue(meta.toFile(), IndexMeta.class) : null;
        } catch (IOException e) {
            m = null;
        }
        if (m == null || m.path == null) {
            return new CachedIndex(folder, null, null, 0, size, State.INCOMPLETE);
        }
        String where = m.absolutePath != null ? m.absolutePath : m.path;
        Path file = Path.of(where);
        State state = !file.isAbsolute() ? State.UNKNOWN
                : !Files.isRegularFile(file) ? State.MISSING
                : Files.size(file) == m.bytes && Files.getLastModifiedTime(file).toMillis() == m.modified ? State.CURRENT : State.CHANGED;
        return new CachedIndex(folder, where, m.format, m.bytes, size, state);
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            long total = 0;
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    /** Deletes this index from the cache. */
    public void delete() throws IOException {
        SourceIndex.deleteTree(folder);
    }
}
