package io.virtblk.load;

import io.virtblk.event.Event;
import io.virtblk.input.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One input after loading: its events and the accounting that proves every line is somewhere
 * ({@code typedLines + rawLines + structuralLines == lines}). {@code events} is empty when the
 * source was streamed; {@code diagnosticsDropped} counts diagnostics past the number kept;
 * {@code bytes}, {@code modifiedMillis} and {@code checksum} (CRC32C of the file) tell whether a
 * file changed since it was loaded; {@code readBack} is where its lines can be read again by
 * offset.
 */
public record LoadedSource(String name, String path, InputFormat format, boolean gzip, boolean crlf, int lines,
                           List<Event> events, int typedLines, int rawLines, int structuralLines,
                           List<Diagnostic> diagnostics, int diagnosticsDropped, long bytes, long modifiedMillis,
                           long checksum, ReadBack readBack) {

    /**
     * Where a source's lines are read again after loading: the file itself (gunzipped from its
     * start when {@code gzip}), or a spool of its text made while it was loaded (a pipe, UTF-16,
     * CR line ends: UTF-8 with LF ends); {@code file} is null when there is nowhere. Lines
     * longer than {@code maxLine} bytes were cut there when loaded, and are cut the same when read back.
     */
    public record ReadBack(String file, boolean gzip, boolean spool, int maxLine) {
        public static final ReadBack NONE = new ReadBack(null, false, false, io.virtblk.input.Limits.DEFAULT_MAX_LINE);

        /** True when the file is the user's own, which may change after it was loaded (a spool is ours). */
        public boolean original() {
            return file != null && !spool;
        }
    }

    /** Event counts by type, in type order. */
    public Map<String, Integer> eventsByType() {
        Map<String, Integer> m = new TreeMap<>();
        for (Event e : events) {
            m.merge(e.type(), 1, Integer::sum);
        }
        return m;
    }

    /** The same source without its events: what a store keeps about it beside the index. */
    public LoadedSource summary() {
        return new LoadedSource(name, path, format, gzip, crlf, lines, List.of(), typedLines, rawLines, structuralLines, diagnostics,
                diagnosticsDropped, bytes, modifiedMillis, checksum, readBack);
    }

    public boolean accountedFor() {
        return typedLines + rawLines + structuralLines == lines;
    }
}
