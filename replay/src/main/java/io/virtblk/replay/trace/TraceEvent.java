package io.virtblk.replay.trace;

import io.virtblk.event.Event;
import java.time.LocalDateTime;

/**
 * What replay needs of one event: its line, kind, kernel time (monotonic seconds), wall clock,
 * ioctl name, the line as written, and the whole event when its kind is kept (fio, reports,
 * transcript).
 *
 * <p>The kernel time is held as a plain double (NaN when the line has none): a 2 GB log's trace
 * has five million of these, and a Double each was a third of the trace's memory.
 */
public record TraceEvent(int line, EventKind kind, double monoSeconds, LocalDateTime time, String ioctl, String raw, Event event,
                         java.util.function.IntFunction<String> text) {

    public TraceEvent(int line, EventKind kind, Double mono, LocalDateTime time, String ioctl, String raw, Event event,
                      java.util.function.IntFunction<String> text) {
        this(line, kind, mono == null ? Double.NaN : mono.doubleValue(), time, ioctl, raw, event, text);
    }

    /** With its text at hand (tests, and events kept whole). */
    public TraceEvent(int line, EventKind kind, Double mono, LocalDateTime time, String ioctl, String raw, Event event) {
        this(line, kind, mono, time, ioctl, raw, event, null);
    }

    /** Kernel monotonic seconds, null when the line has no such stamp. */
    public Double mono() {
        return Double.isNaN(monoSeconds) ? null : monoSeconds;
    }

    /**
     * Seconds on the trace's clock: the kernel's monotonic stamp, or the wall clock when the log
     * has none (journalctl's short formats); null when the line has neither.
     */
    public Double clock() {
        if (!Double.isNaN(monoSeconds)) {
            return monoSeconds;
        }
        return time == null ? null : time.toEpochSecond(java.time.ZoneOffset.UTC) + time.getNano() / 1e9;
    }

    public boolean is(EventKind k) {
        return kind == k;
    }

    public boolean isDevice() {
        return kind.device();
    }

    /** The event's first line as written; read from the source only when asked (a big log has many events). */
    public String firstLine() {
        String r = raw != null ? raw : text != null ? text.apply(line) : "";
        int nl = r.indexOf('\n');
        return nl < 0 ? r : r.substring(0, nl);
    }
}
