package io.virtblk.replay.trace;

import io.virtblk.analyzer.store.EventSearch;
import io.virtblk.analyzer.store.Hit;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one source that replay looks at, in input order, read from the store: the
 * device's engage/ioctl/release lines, fio's output, the transcript's commands and notes, and
 * the kernel's reports. {@code lastLine} is the source's last line: where the log ends. The store
 * may be the local one or a cluster the events were pushed to; replay cannot tell them apart.
 */
public record Trace(String source, List<TraceEvent> events, int lastLine, int lastKernelLine) {

    /** The store's type values as replay's kinds: the one place where the store's names meet replay's. */
    private static final java.util.Map<String, EventKind> KINDS = java.util.Arrays.stream(EventKind.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(EventKind::label, java.util.function.Function.identity()));

    static final String TYPES = java.util.Arrays.stream(EventKind.values()).map(EventKind::label)
            .collect(java.util.stream.Collectors.joining(" OR "));

    public static Trace of(EventSearch store, String source) throws IOException {
        String src = "source:" + io.virtblk.analyzer.store.EventQueries.quote(source);
        List<TraceEvent> events = new ArrayList<>();
        java.util.function.IntFunction<String> text = line -> {
            try {
                return store.lineText(source, line);
            } catch (IOException e) {
                return "(line " + line + " cannot be read: " + e.getMessage() + ")";
            }
        };
        store.scan(src + " AND type:(" + TYPES + ")", List.of("mono", "time", "ioctl.name"), KEPT, row -> events.add(
                new TraceEvent(row.line(), KINDS.get(row.type()), number(row.fields().get("mono")), time(row.fields().get("time")),
                        (String) first(row.fields().get("ioctl.name")), row.event() == null ? null : row.event().raw(), row.event(), text)));
        List<Hit> last = store.search(src + " AND mono:[* TO *]", 1, "line", true, null);
        int lines = store.lines(source);
        return new Trace(source, List.copyOf(events), lines, last.isEmpty() ? 0 : last.getFirst().line());
    }

    /** Types whose whole event replay reads (fio's results and notices, the transcript, the kernel's reports). */
    private static final java.util.Set<String> KEPT = java.util.Arrays.stream(EventKind.values()).filter(EventKind::kept)
            .map(EventKind::label).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static Object first(Object v) {
        return v instanceof List<?> l ? (l.isEmpty() ? null : l.getFirst()) : v;
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static LocalDateTime time(Object v) {
        return v instanceof LocalDateTime t ? t : v instanceof String s ? LocalDateTime.parse(s) : null;
    }
}
