package io.virtblk.replay.trace;

import io.virtblk.event.Event;
import java.io.IOException;
import java.time.LocalDateTime;

/**
 * Where replay reads a trace from: the port the local store, the clusters and a source loaded in
 * memory each implement. Replay asks only for the events it reads, typed, in input order, and
 * reads a line's text back only when it shows one.
 *
 * <p>A device event comes as its line, kind, clocks and ioctl name rather than whole: a 2 GB log
 * has five million of them, and neither the store nor the trace can afford each one's text.
 */
public interface TraceSource {

    /**
     * Tells {@code sink} of every event of {@code source} whose {@link EventKind} replay reads, in
     * input order.
     */
    void events(String source, Sink sink) throws IOException;

    /** The number of lines in {@code source}: where the log ends. */
    int lines(String source) throws IOException;

    /** The last line of {@code source} with a kernel monotonic stamp, 0 when none has. */
    int lastKernelLine(String source) throws IOException;

    /** Line {@code line} of {@code source} as written. */
    String lineText(String source, int line) throws IOException;

    /** One event of a trace. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param mono  kernel monotonic seconds, NaN when the line has none
         * @param time  the wall clock (UTC when the line stated an offset), null when none
         * @param ioctl the ioctl's name (ioctl and ioctl symbol lines), else null
         * @param event the whole event when {@code kind} is {@link EventKind#kept()}, else null
         */
        void accept(int line, EventKind kind, double mono, LocalDateTime time, String ioctl, Event event);
    }
}
