package io.virtblk.replay.trace;

import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.load.LoadedSource;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace source over sources loaded in memory ({@link io.virtblk.load.SourceLoader#load}): what
 * replay's tests read, with no store between. It answers as the store does: wall clocks that
 * state an offset moved to UTC, to the microsecond; the whole event only of kinds replay keeps.
 */
public final class LoadedTrace implements TraceSource {

    private final Map<String, LoadedSource> sources = new LinkedHashMap<>();

    public LoadedTrace(List<LoadedSource> loaded) {
        for (LoadedSource s : loaded) {
            sources.put(s.name(), s);
        }
    }

    public LoadedTrace(LoadedSource... loaded) {
        this(List.of(loaded));
    }

    /** The names of the sources, in the order given. */
    public List<String> names() {
        return List.copyOf(sources.keySet());
    }

    @Override
    public void events(String source, Sink sink) throws IOException {
        for (Event e : source(source).events()) {
            EventKind kind = EventKind.of(e);
            if (kind != null) {
                sink.accept(e.at().line(), kind, mono(e), time(e), ioctl(e), kind.kept() ? e : null);
            }
        }
    }

    @Override
    public int lines(String source) throws IOException {
        return source(source).lines();
    }

    @Override
    public int lastKernelLine(String source) throws IOException {
        int last = 0;
        for (Event e : source(source).events()) {
            if (!Double.isNaN(mono(e))) {
                last = Math.max(last, e.at().line());
            }
        }
        return last;
    }

    @Override
    public String lineText(String source, int line) throws IOException {
        for (Event e : source(source).events()) {
            if (e.at().line() == line) {
                String raw = e.raw();
                int nl = raw.indexOf('\n');
                return nl < 0 ? raw : raw.substring(0, nl);
            }
        }
        throw new IOException(source + " has no event at line " + line);
    }

    private LoadedSource source(String name) throws IOException {
        LoadedSource s = sources.get(name);
        if (s == null) {
            throw new IOException("no source named " + name + "; there are: " + String.join(", ", sources.keySet()));
        }
        return s;
    }

    private static double mono(Event e) {
        return e instanceof KernelEvent k && k.prefix().mono() != null ? k.prefix().mono() : Double.NaN;
    }

    private static LocalDateTime time(Event e) {
        return switch (e) {
            case KernelEvent k -> utc(k.prefix().wallClock(), k.prefix().offset());
            case FioEvent.JobResult r -> utc(r.startTime(), null);
            default -> null;
        };
    }

    private static LocalDateTime utc(LocalDateTime t, ZoneOffset offset) {
        return t == null ? null
                : LocalDateTime.ofInstant(t.toInstant(offset == null ? ZoneOffset.UTC : offset), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String ioctl(Event e) {
        return switch (e) {
            case KernelEvent.IoctlCall x -> x.ioctl().name();
            case KernelEvent.IoctlSymbol x -> x.symbol();
            default -> null;
        };
    }
}
