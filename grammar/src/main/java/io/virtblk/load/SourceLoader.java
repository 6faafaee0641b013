package io.virtblk.load;

import io.virtblk.event.Event;
import io.virtblk.event.RawLine;
import io.virtblk.event.Origin;
import io.virtblk.grammar.block.BlockTraceReader;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.fio.FioOutputReader;
import io.virtblk.grammar.kernel.KernelLogReader;
import io.virtblk.grammar.driver.DriverLines;
import io.virtblk.grammar.report.ReportRules;
import io.virtblk.grammar.transcript.TranscriptReader;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import io.virtblk.input.Limits;
import io.virtblk.input.LineReader;
import io.virtblk.input.TextInput;
import io.virtblk.grammar.fio.FioLogReader;
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
    private final Limits limits;
    private final DriverLines drivers;
    private final boolean pairs;

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
        this(year, reports, Limits.standard());
    }

    /** As {@link #SourceLoader(Integer, ReportRules)}, cutting lines and stopping inputs at {@code limits}. */
    public SourceLoader(Integer year, ReportRules reports, Limits limits) {
        this(year, reports, limits, DriverLines.none());
    }

    /** As {@link #SourceLoader(Integer, ReportRules, Limits)}, reading the lines of drivers defined by files ({@code --driver}). */
    public SourceLoader(Integer year, ReportRules reports, Limits limits, DriverLines drivers) {
        this(year, reports, limits, drivers, true);
    }

    private SourceLoader(Integer year, ReportRules reports, Limits limits, DriverLines drivers, boolean pairs) {
        this.year = year;
        this.reports = reports;
        this.limits = limits;
        this.drivers = drivers;
        this.pairs = pairs;
    }

    /**
     * The same loader reading block traces into their events alone, without pairing them into
     * requests: what the pairing costs a load is measured against it ({@code bench/run-block}).
     */
    public SourceLoader withoutBlockRequests() {
        return new SourceLoader(year, reports, limits, drivers, false);
    }

    /** False for a loader made by {@link #withoutBlockRequests()}: its indexes hold no request events. */
    public boolean pairsBlockRequests() {
        return pairs;
    }

    /** The lines of the drivers defined by files this loader recognises. */
    public DriverLines drivers() {
        return drivers;
    }

    /** The table of report kinds this loader finds kernel reports with. */
    public ReportRules reports() {
        return reports;
    }

    public Limits limits() {
        return limits;
    }

    public LoadedSource load(String arg) throws IOException {
        return load(Spec.parse(arg));
    }

    /** Loads a file and keeps its events in memory, in input order. */
    public LoadedSource load(Spec spec) throws IOException {
        return read(spec, null, null);
    }

    /**
     * Streams a file's events to {@code each} as they are read, keeping none: memory stays flat
     * whatever the file's size. The result has the accounting and diagnostics but no events.
     */
    public LoadedSource stream(Spec spec, Consumer<Event> each) throws IOException {
        java.util.Objects.requireNonNull(each);
        return read(spec, (e, offset) -> each.accept(e), null);
    }

    /** Receives each event with the byte offset of its first line (-1 when it cannot be sought, as in gzip). */
    @FunctionalInterface
    public interface Listener {
        void event(Event event, long offset);

        /**
         * Forgets every event received, when a reader failed part-way and the file is read again as
         * raw lines; false when it cannot (the events went where they cannot be taken back).
         */
        default boolean restart() {
            return false;
        }
    }

    /** Like {@link #stream(Spec, Consumer)}, with each event's byte offset for reading its line back later. */
    public LoadedSource stream(Spec spec, Listener each) throws IOException {
        return read(spec, java.util.Objects.requireNonNull(each), null);
    }

    /**
     * Like {@link #stream(Spec, Listener)}; when the input's lines cannot be read back from the
     * file by offset (a pipe, UTF-16, CR line ends) they are copied to {@code spool}, which the
     * offsets then refer to ({@link LoadedSource#readBack()}).
     */
    public LoadedSource stream(Spec spec, Listener each, Path spool) throws IOException {
        return read(spec, java.util.Objects.requireNonNull(each), java.util.Objects.requireNonNull(spool));
    }

    private LoadedSource read(Spec spec, Listener each, Path spool) throws IOException {
        Path path = spec.path();
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        String name = spec.name();
        Accounting sink = new Accounting(each);
        // A pipe is read once: the loader's own spool lets a failed reader's file be read again as raw lines.
        Path ownSpool = spool == null ? Files.createTempFile("virtblk-", ".text") : null;
        try {
            return read(spec, sink, spool != null ? spool : ownSpool, spool != null);
        } finally {
            if (ownSpool != null) {
                Files.deleteIfExists(ownSpool);
            }
        }
    }

    private LoadedSource read(Spec spec, Accounting sink, Path spoolPath, boolean keepSpool) throws IOException {
        String name = spec.name();
        Path path = spec.path();
        InputFormat format = spec.forced();
        Fault fault = null;
        TextInput input = TextInput.open(path);
        boolean crlf;
        boolean crOnly;
        int lines;
        Path spooled;
        try (LineReader in = LineReader.of(name, input, sink.diagnostics, limits, spoolPath)) {
            if (format == null && input.notText() != null) {
                throw new NotText(name + ": " + input.notText() + "; nothing was loaded (to read it anyway, force a format: kernel:"
                        + name + ")");
            }
            // The format is told from the first lines, which are then parsed from memory: the input is read once.
            List<Line> head = new ArrayList<>();
            for (Line l; format == null && head.size() < InputFormat.sniffLines()
                    && (l = in.next()) != null; ) {
                head.add(l);
            }
            if (format == null) {
                format = InputFormat.detect(head);
            }
            sink.offsets = input.gzip() && in.spooled() == null ? null : in;
            int year = this.year != null ? this.year
                    : java.time.Instant.ofEpochMilli(input.modifiedMillis()).atZone(ZoneId.systemDefault()).getYear();
            Lines all = new Lines(head, in);
            try {
                parse(format, name, path, all, sink, year);
            } catch (RuntimeException | StackOverflowError e) {
                if (e instanceof Passing passing) {
                    throw passing.unwrap();
                }
                fault = new Fault(format, Math.max(1, all.last), e);
            }
            while (in.next() != null) {
                // a reader that stopped early, or failed, must not leave lines unread, unhashed or out of the spool
            }
            crlf = in.sawCrlf();
            crOnly = in.crOnly();
            lines = in.linesRead();
            spooled = in.spooled();
        } finally {
            input.close();
        }
        if (fault != null) {
            format = readAgainAsRaw(spec, sink, fault, spooled);
        }
        if (input.encoding() != TextInput.Encoding.UTF8) {
            sink.diagnostics.add(new Diagnostic(name, 1, 0, "the text is " + input.encoding().shown() + "; read as such"));
        }
        if (crOnly) {
            sink.diagnostics.add(new Diagnostic(name, 1, 0, "lines end in CR alone (no LF in the first 64 KiB); split there"));
        }
        sink.diagnostics.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        LoadedSource.ReadBack readBack = spooled != null && keepSpool ? new LoadedSource.ReadBack(spooled.toString(), false, true, limits.maxLineBytes())
                : spooled != null || !input.regular() ? LoadedSource.ReadBack.NONE
                : new LoadedSource.ReadBack(path.toRealPath().toString(), input.gzip(), false, limits.maxLineBytes());
        return new LoadedSource(name, path.toString(), format, input.gzip(), crlf, lines, List.copyOf(sink.events),
                sink.typed, sink.raw, sink.structural, List.copyOf(sink.diagnostics), sink.diagnosticsDropped,
                input.bytesRead(), input.regular() ? input.modifiedMillis() : 0, input.checksum(), readBack);
    }

    private void parse(InputFormat format, String name, Path path, Lines in, Accounting sink, int year) throws IOException {
        switch (format) {
            case TRANSCRIPT -> {
                List<Line> all = new ArrayList<>();
                for (Line l; (l = in.next()) != null; ) {
                    all.add(l);
                }
                new TranscriptReader(name, sink, year, reports, drivers).read(all);
            }
            case FIO_TEXT -> {
                FioOutputReader fio = new FioOutputReader(name, sink);
                for (Line l; (l = in.next()) != null; ) {
                    fio.line(l);
                }
                fio.finish();
            }
            case KERNEL_LOG -> {
                KernelLogReader kernel = new KernelLogReader(name, sink, year, reports, drivers);
                for (Line l; (l = in.next()) != null; ) {
                    kernel.line(l);
                }
                kernel.finish();
            }
            case FIO_LOG -> {
                FioLogReader log = new FioLogReader(name, path.getFileName() == null ? name : path.getFileName().toString(), sink);
                for (Line l; (l = in.next()) != null; ) {
                    log.line(l);
                }
            }
            case BLOCK_TRACE -> {
                BlockTraceReader trace = new BlockTraceReader(name, sink, pairs);
                for (Line l; (l = in.next()) != null; ) {
                    trace.line(l);
                }
                trace.finish();
            }
            case UNKNOWN -> {
                int n = 0;
                for (Line l; (l = in.next()) != null; n++) {
                    raw(name, l, "unrecognised input", sink);
                }
                if (n > 0) {
                    sink.diagnostic(new Diagnostic(name, 1, 0, "cannot tell what this is: expected a transcript, fio output, a kernel log or a block trace "
                            + "in the first " + InputFormat.sniffLines() + " lines; every line is kept raw (force a format with kernel:, fio:, transcript: or block:)"));
                }
            }
        }
    }

    private static void raw(String name, Line l, String why, Accounting sink) {
        if (l.text().isBlank()) {
            sink.structural(l.number());
        } else {
            sink.event(new RawLine(Origin.of(name, l.number()), l.text(), why), 1);
        }
    }

    /**
     * After a reader failed: every event so far is dropped and the whole file read again as raw
     * lines (searchable, not typed), with a diagnostic at the line the reader failed on. The
     * other files of the same load are not affected.
     */
    private InputFormat readAgainAsRaw(Spec spec, Accounting sink, Fault fault, Path spooled) throws IOException {
        String name = spec.name();
        if (!sink.restart()) {
            throw new IOException(name + ":" + fault.line + ": " + fault.describe() + "; the file could not be loaded", fault.cause);
        }
        sink.diagnostic(new Diagnostic(name, fault.line, 0, fault.describe() + "; every line of this file is kept raw (searchable, not typed)."
                + " Please report this with the file; force another format (kernel:, fio:, transcript:, block:) to try one"));
        String why = "not typed: the " + fault.format.id() + " reader failed while at line " + fault.line;
        List<Diagnostic> again = new ArrayList<>(); // the first reading said all there is to say about the text itself
        try (TextInput input = spooled != null ? null : TextInput.open(spec.path());
             LineReader in = spooled != null ? new LineReader(name, Files.newInputStream(spooled), again, limits)
                     : LineReader.of(name, input, again, limits, null)) {
            for (Line l; (l = in.next()) != null; ) {
                raw(name, l, why, sink);
            }
        }
        return InputFormat.UNKNOWN;
    }

    /** A reader's failure on some line: a bug of ours, said as one. */
    private record Fault(InputFormat format, int line, Throwable cause) {
        String describe() {
            String what = cause instanceof StackOverflowError ? "ran out of stack" : cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + Diagnostic.quote(cause.getMessage()).replaceAll("^'|'$", ""));
            StackTraceElement[] at = cause.getStackTrace();
            String where = at.length == 0 ? "" : " at " + at[0].getClassName().replaceAll(".*\\.", "") + "." + at[0].getMethodName()
                    + ":" + at[0].getLineNumber();
            return "internal error in the " + format.id() + " reader (" + what + where + ")";
        }
    }

    /** Input that is not text, refused before anything is loaded. */
    public static final class NotText extends IOException {
        NotText(String message) {
            super(message);
        }
    }

    /** The first lines (already read to tell the format), then the rest; remembers the last line handed out. */
    private static final class Lines {
        private final List<Line> head;
        private final LineReader rest;
        private int at;
        int last;

        Lines(List<Line> head, LineReader rest) {
            this.head = head;
            this.rest = rest;
        }

        Line next() throws IOException {
            Line l = at < head.size() ? head.get(at++) : rest.next();
            if (l != null) {
                last = l.number();
            }
            return l;
        }
    }

    /** A listener's own failure (a cancelled load, a full disk), passed through the reader untouched. */
    private static final class Passing extends RuntimeException {
        Passing(RuntimeException cause) {
            super(cause);
        }

        RuntimeException unwrap() {
            return (RuntimeException) getCause();
        }
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
                try {
                    each.event(event, offsets == null ? -1 : offsets.offsetOf(event.at().line()));
                } catch (RuntimeException e) {
                    throw new Passing(e);
                }
            }
            if (event instanceof RawLine) {
                raw += lines;
            } else {
                typed += lines;
            }
        }

        /** Forgets the events and counts so far; the diagnostics stay. */
        boolean restart() {
            if (each != null && !each.restart()) {
                return false;
            }
            events.clear();
            typed = 0;
            raw = 0;
            structural = 0;
            offsets = null;
            return true;
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
