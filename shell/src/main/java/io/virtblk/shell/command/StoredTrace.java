package io.virtblk.shell.command;

import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.EventSearch;
import io.virtblk.analyzer.store.Hit;
import io.virtblk.replay.trace.EventKind;
import io.virtblk.replay.trace.TraceSource;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Replay's trace read from a store: the local one or a cluster, whichever answers
 * {@link EventSearch}. The one place where the store's {@code type} values become replay's
 * {@link EventKind}s, and a row's fields its clocks and ioctl name.
 */
public final class StoredTrace implements TraceSource {

    /** The kinds a trace is read as (a request's arrival is the queue model's, made from the requests). */
    private static final List<EventKind> READ = Arrays.stream(EventKind.values()).filter(EventKind::read).toList();

    private static final Map<String, EventKind> KINDS = READ.stream().collect(Collectors.toUnmodifiableMap(EventKind::label, Function.identity()));

    private static final String TYPES = READ.stream().map(EventKind::label).collect(Collectors.joining(" OR "));

    /** Types whose whole event replay reads (fio's results and notices, the transcript, the kernel's reports). */
    private static final Set<String> KEPT = READ.stream().filter(EventKind::kept).map(EventKind::label)
            .collect(Collectors.toUnmodifiableSet());

    private final EventSearch store;

    public StoredTrace(EventSearch store) {
        this.store = store;
    }

    @Override
    public void events(String source, Sink sink) throws IOException {
        store.scan(src(source) + " AND type:(" + TYPES + ")", List.of("mono", "time", "ioctl.name"), KEPT, row -> sink.accept(row.line(),
                KINDS.get(row.type()), number(row.fields().get("mono")), time(row.fields().get("time")),
                (String) first(row.fields().get("ioctl.name")), row.event()));
    }

    @Override
    public int lines(String source) throws IOException {
        return store.lines(source);
    }

    @Override
    public int lastKernelLine(String source) throws IOException {
        List<Hit> last = store.search(src(source) + " AND mono:[* TO *]", 1, "line", true, null);
        return last.isEmpty() ? 0 : last.getFirst().line();
    }

    @Override
    public String lineText(String source, int line) throws IOException {
        return store.lineText(source, line);
    }

    private static String src(String source) {
        return "source:" + EventQueries.quote(source);
    }

    private static Object first(Object v) {
        return v instanceof List<?> l ? (l.isEmpty() ? null : l.getFirst()) : v;
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static LocalDateTime time(Object v) {
        return v instanceof LocalDateTime t ? t : v instanceof String s ? LocalDateTime.parse(s) : null;
    }
}
