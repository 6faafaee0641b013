package io.virtblk.replay.trace;

import io.virtblk.analyzer.store.EventStore;
import io.virtblk.analyzer.store.Hit;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one source that replay looks at, in input order, read from the store: the
 * device's engage/ioctl/release lines, fio's output, the transcript's commands and notes, and
 * the kernel's reports. {@code lastLine} is the source's last line: where the log ends.
 */
public record Trace(String source, List<TraceEvent> events, int lastLine, int lastKernelLine) {

    static final String TYPES = "engage OR release OR ioctl OR ioctl_symbol OR transfer OR module_registered OR module_removed"
            + " OR command OR section OR annotation OR interrupt OR fio_job OR fio_version OR fio_result OR fio_notice OR fio_disk"
            + " OR hung_task OR soft_lockup OR hard_lockup OR rcu_stall OR bug OR oops OR warning OR gpf OR panic";

    public static Trace of(EventStore store, String source) throws IOException {
        String src = "source:\"" + source.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        List<TraceEvent> events = new ArrayList<>();
        for (Hit h : store.search(src + " AND type:(" + TYPES + ")", Integer.MAX_VALUE - 1, null)) {
            events.add(new TraceEvent(h.line(), h.type(), number(h.fields().get("mono")), time(h.fields().get("time")),
                    (String) first(h.fields().get("ioctl.name")), h.raw(), h.event()));
        }
        List<Hit> last = store.search(src + " AND mono:[* TO *]", 1, "line", true, null);
        int lines = store.summaries().stream().filter(s -> s.name().equals(source)).mapToInt(s -> s.lines()).findFirst().orElse(0);
        return new Trace(source, List.copyOf(events), lines, last.isEmpty() ? 0 : last.getFirst().line());
    }

    private static Object first(Object v) {
        return v instanceof List<?> l ? (l.isEmpty() ? null : l.getFirst()) : v;
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static LocalDateTime time(Object v) {
        return v instanceof String s ? LocalDateTime.parse(s) : null;
    }
}
