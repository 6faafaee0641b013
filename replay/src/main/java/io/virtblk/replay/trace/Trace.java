package io.virtblk.replay.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The events of one source that replay looks at, in input order, read from a {@link TraceSource}:
 * the device's engage/ioctl/release lines, fio's output, the transcript's commands and notes, and
 * the kernel's reports. {@code lastLine} is the source's last line: where the log ends. The source
 * may be the local store, a cluster the events were pushed to, or a file loaded in memory; replay
 * cannot tell them apart.
 */
public record Trace(String source, List<TraceEvent> events, int lastLine, int lastKernelLine) {

    public static Trace of(TraceSource from, String source) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        IntFunction<String> text = line -> {
            try {
                return from.lineText(source, line);
            } catch (IOException e) {
                return "(line " + line + " cannot be read: " + e.getMessage() + ")";
            }
        };
        from.events(source, (line, kind, mono, time, ioctl, event) -> events.add(
                new TraceEvent(line, kind, mono, time, ioctl, event == null ? null : event.raw(), event, text)));
        int lastKernelLine = from.lastKernelLine(source);
        return new Trace(source, List.copyOf(events), from.lines(source), lastKernelLine);
    }
}
