package io.virtblk.load;

import io.virtblk.event.Event;
import io.virtblk.event.RawLine;
import io.virtblk.event.Origin;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.fio.FioOutputReader;
import io.virtblk.grammar.kernel.KernelLogReader;
import io.virtblk.grammar.report.ReportRules;
import io.virtblk.grammar.transcript.TranscriptReader;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import io.virtblk.input.LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads one file: detects its format (or takes the one forced by {@code format:path}), runs the
 * reader for it and returns the events with their accounting. Bad input never throws: it
 * becomes diagnostics and raw lines. Only a file that cannot be opened is an {@link IOException}.
 */
public final class SourceLoader {

    /** A {@code [format:]path} argument split into its parts. */
    public record Spec(InputFormat forced, Path path, String name) {

        public static Spec parse(String arg) {
            int colon = arg.indexOf(':');
            if (colon > 0) {
                var f = InputFormat.byId(arg.substring(0, colon));
                if (f.isPresent()) {
                    Path p = Path.of(arg.substring(colon + 1));
                    return new Spec(f.get(), p, p.toString());
                }
            }
            return new Spec(null, Path.of(arg), arg);
        }
    }

    private final Integer year;
    private final ReportRules reports;

    /** Dates syslog lines (which carry no year) by each file's modification time. */
    public SourceLoader() {
        this(null);
    }

    /** Dates syslog lines in {@code year} (rolling over at New Year) unless a transcript's fio output says otherwise. */
    public SourceLoader(Integer year) {
        this(year, ReportRules.builtIn());
    }

    /** As {@link #SourceLoader(Integer)}, finding kernel reports with {@code reports} (the shipped kinds and the user's). */
    public SourceLoader(Integer year, ReportRules reports) {
        this.year = year;
        this.reports = reports;
    }

    /** The table of report kinds this loader finds kernel reports with. */
    public ReportRules reports() {
        return reports;
    }

    public LoadedSource load(String arg) throws IOException {
        return load(Spec.parse(arg));
    }

    /** Loads a file and keeps its events in memory, in input order. */
    public LoadedSource load(Spec spec) throws IOException {
        return read(spec, null);
    }

    /**
     * Streams a file's events to {@code each} as they are read, keeping none: memory stays flat
     * whatever the file's size. The result has the accounting and diagnostics but no events.
     */
    public LoadedSource stream(Spec spec, Consumer<Event> each) throws IOException {
        java.util.Objects.requireNonNull(each);
        return read(spec, (e, offset) -> each.accept(e));
    }

    /** Receives each event with the byte offset of its first line (-1 when it cannot be sought, as in gzip). */
    @FunctionalInterface
    public interface Listener {
        void event(Event event, long offset);
    }

    /** Like {@link #stream(Spec, Consumer)}, with each event's byte offset for reading its line back later. */
    public LoadedSource stream(Spec spec, Listener each) throws IOException {
        return read(spec, java.util.Objects.requireNonNull(each));
    }

    private LoadedSource read(Spec spec, Listener each) throws IOException {
        Path path = spec.path();
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a directory; name the files in it");
        }
        String name = spec.name();
        Accounting sink = new Accounting(each);
        InputFormat format = spec.forced();
        if (format == null) {
            try (LineReader head = LineReader.open(name, path, new ArrayList<>())) {
                List<Line> first = new ArrayList<>();
                for (Line l; first.size() < InputFormat.sniffLines() && (l = head.next()) != null; ) {
                    first.add(l);
                }
                format = InputFormat.detect(first);
            }
        }
        int year = this.year != null ? this.year : Files.getLastModifiedTime(path).toInstant().atZone(ZoneId.systemDefault()).getYear();
        boolean crlf;
        int lines;
        boolean gzip = LineReader.isGzip(path);
        long checksum;
        try (LineReader in = LineReader.open(name, path, sink.diagnostics)) {
            sink.offsets = gzip ? null : in;
            switch (format) {
                case TRANSCRIPT -> new TranscriptReader(name, sink, year, reports).read(in.readAll());
                case FIO_TEXT -> {
                    FioOutputReader fio = new FioOutputReader(name, sink);
                    for (Line l; (l = in.next()) != null; ) {
                        fio.line(l);
                    }
                    fio.finish();
                }
                case KERNEL_LOG -> {
                    KernelLogReader kernel = new KernelLogReader(name, sink, year, reports);
                    for (Line l; (l = in.next()) != null; ) {
                        kernel.line(l);
                    }
                    kernel.finish();
                }
                case FIO_LOG -> {
                    io.virtblk.grammar.fio.FioLogReader log = new io.virtblk.grammar.fio.FioLogReader(name, path.getFileName().toString(), sink);
                    for (Line l; (l = in.next()) != null; ) {
                        log.line(l);
                    }
                }
                case UNKNOWN -> {
                    int n = 0;
                    for (Line l; (l = in.next()) != null; n++) {
                        if (l.text().isBlank()) {
                            sink.structural(l.number());
                        } else {
                            sink.event(new RawLine(Origin.of(name, l.number()), l.text(), "unrecognised input"), 1);
                        }
                    }
                    if (n > 0) {
                        sink.diagnostic(new Diagnostic(name, 1, 0, "cannot tell what this is: expected a transcript, fio output or a kernel log "
                                + "in the first " + InputFormat.sniffLines() + " lines; every line is kept raw (force a format with kernel:, fio: or transcript:)"));
                    }
                }
            }
            while (in.next() != null) {
                // a reader that stopped early (it never does today) must not leave lines unread and unhashed
            }
            crlf = in.sawCrlf();
            lines = in.linesRead();
            checksum = in.checksum();
        }
        sink.diagnostics.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return new LoadedSource(name, path.toString(), format, gzip, crlf, lines, List.copyOf(sink.events),
                sink.typed, sink.raw, sink.structural, List.copyOf(sink.diagnostics), sink.diagnosticsDropped,
                Files.size(path), Files.getLastModifiedTime(path).toMillis(), checksum);
    }

    /** Keeps or passes on events, and counts where every line went. */
    private static final class Accounting implements EventSink {
        /** A garbage file can give a diagnostic per line; past this many they are only counted. */
        static final int KEPT_DIAGNOSTICS = 10_000;

        final List<Event> events = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>() {
            @Override
            public boolean add(Diagnostic d) {
                if (size() >= KEPT_DIAGNOSTICS) {
                    diagnosticsDropped++;
                    return false;
                }
                return super.add(d);
            }
        };
        final Listener each;
        LineReader offsets;
        int typed;
        int raw;
        int structural;
        int diagnosticsDropped;

        Accounting(Listener each) {
            this.each = each;
        }

        @Override
        public void event(Event event, int lines) {
            if (each == null) {
                events.add(event);
            } else {
                each.event(event, offsets == null ? -1 : offsets.offsetOf(event.at().line()));
            }
            if (event instanceof RawLine) {
                raw += lines;
            } else {
                typed += lines;
            }
        }

        @Override
        public void structural(int line) {
            structural++;
        }

        @Override
        public void diagnostic(Diagnostic diagnostic) {
            diagnostics.add(diagnostic);
        }
    }
}
