package io.virtblk.load;

import io.virtblk.event.Event;
import io.virtblk.input.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One input after loading: its events and the accounting that proves every line is somewhere
 * ({@code typedLines + rawLines + structuralLines == lines}). {@code events} is empty when the
 * source was streamed; {@code diagnosticsDropped} counts diagnostics past the number kept.
 */
public record LoadedSource(String name, String path, InputFormat format, boolean gzip, boolean crlf, int lines,
                           List<Event> events, int typedLines, int rawLines, int structuralLines,
                           List<Diagnostic> diagnostics, int diagnosticsDropped) {

    /** Event counts by type, in type order. */
    public Map<String, Integer> eventsByType() {
        Map<String, Integer> m = new TreeMap<>();
        for (Event e : events) {
            m.merge(e.type(), 1, Integer::sum);
        }
        return m;
    }

    public boolean accountedFor() {
        return typedLines + rawLines + structuralLines == lines;
    }
}
