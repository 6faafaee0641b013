package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.event.Event;
import io.virtblk.event.RawLine;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import io.virtblk.input.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the loader promises for any bytes at all, checked the way the store loads (streamed, with a
 * spool for what cannot be read back by offset): no exception escapes; input that is not text is
 * refused only when no format was forced; no reader fails (the loader would hide that by keeping
 * the file raw with an "internal error" diagnostic, so that diagnostic is a failure here); every
 * line is typed, raw or structural; every event's text is its lines as the file has them, and its
 * first line read back by byte offset is that line again. The fuzz targets hold every reader to this.
 */
final class LoaderPromises {

    /** Syslog stamps carry no year; a fixed one keeps a finding replayable on any day. */
    static final int YEAR = 2016;

    private LoaderPromises() {
    }

    /** Events as they streamed out of the loader, each with the byte offset its first line is read back from. */
    private static final class Collected implements SourceLoader.Listener {
        final List<Event> events = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();

        @Override
        public void event(Event event, long offset) {
            events.add(event);
            offsets.add(offset);
        }

        @Override
        public boolean restart() {
            events.clear();
            offsets.clear();
            return true;
        }
    }

    /** A load that kept its promises: the summary and the events it streamed. */
    record Loaded(LoadedSource source, List<Event> events) {
    }

    /**
     * Writes {@code bytes} to {@code dir/fileName}, loads it as {@code format} (null: told from the
     * content) and checks every promise; null when the input was refused as a whole, as it may be
     * (not text and no format forced, or a gzip header cut short).
     */
    static Loaded hold(Path dir, String fileName, byte[] bytes, InputFormat format) throws IOException {
        Path file = dir.resolve(fileName);
        Path spool = dir.resolve(fileName + ".spool");
        Files.write(file, bytes);
        Files.deleteIfExists(spool);
        Collected out = new Collected();
        LoadedSource s;
        try {
            s = new SourceLoader(YEAR).stream(new SourceLoader.Spec(format, file, file.toString()), out, spool);
        } catch (SourceLoader.NotText e) {
            assertThat(format).as("a forced format reads any bytes; refused with: %s", e.getMessage()).isNull();
            assertThat(e.getMessage()).contains("not text").contains("force a format");
            return null;
        } catch (IOException e) {
            // the one input TextInput cannot open: a gzip magic number with no complete header after it
            assertThat(e.getMessage()).as("the only IOException for a readable file").startsWith("not a complete gzip file");
            return null;
        }
        for (Diagnostic d : s.diagnostics()) {
            assertThat(d.message()).as("a reader failed and the loader hid it by keeping the file raw: %s", d)
                    .doesNotContain("internal error in the");
            assertThat(d.line()).as("%s", d).isBetween(1, Math.max(1, s.lines()));
            assertThat(d.column()).as("%s", d).isNotNegative();
        }
        if (format != null) {
            assertThat(s.format()).isEqualTo(format);
        }
        assertThat(s.accountedFor()).as("typed %d + raw %d + structural %d = %d lines", s.typedLines(), s.rawLines(),
                s.structuralLines(), s.lines()).isTrue();
        assertThat(out.events.stream().filter(e -> e instanceof RawLine).count()).as("raw events").isEqualTo(s.rawLines());

        List<String> lines = linesOf(file);
        assertThat(lines).as("lines read again from the file").hasSize(s.lines());
        if (plain(bytes)) {
            assertThat(lines).as("the lines of plain UTF-8 text with LF ends").isEqualTo(splitAtLf(bytes));
        }
        byte[] readBack = s.readBack().file() == null ? null : Files.readAllBytes(Path.of(s.readBack().file()));
        for (int i = 0; i < out.events.size(); i++) {
            // plain checks first, assertions only to say what failed: this loop runs for every event of every execution
            Event e = out.events.get(i);
            if (e.at().line() < 1 || e.at().endLine() < e.at().line() || e.at().endLine() > s.lines()) {
                throw new AssertionError(e.at() + " is not inside the file's " + s.lines() + " lines: " + e);
            }
            assertTextIsTheFiles(e, lines);
            long offset = out.offsets.get(i);
            if (offset >= 0) {
                assertThat(readBack).as("a file to read %s back from at byte %d", e.at(), offset).isNotNull();
                String again = lineAt(readBack, offset);
                if (!again.equals(lines.get(e.at().line() - 1))) {
                    assertThat(again).as("line %d read back at byte %d", e.at().line(), offset).isEqualTo(lines.get(e.at().line() - 1));
                }
            }
        }
        return new Loaded(s, out.events);
    }

    /**
     * Loads {@code bytes} as {@code format} and as detected, holding both to the promises; when
     * detection picks {@code format} too, the two loads give the same events.
     */
    static void holdForcedAndDetected(Path dir, String fileName, byte[] bytes, InputFormat format) throws IOException {
        Loaded forced = hold(dir, fileName, bytes, format);
        Loaded detected = hold(dir, fileName, bytes, null);
        if (forced != null && detected != null && detected.source().format() == format) {
            assertThat(detected.events()).as("forcing the format detection picks changes nothing").isEqualTo(forced.events());
        }
    }

    /**
     * An event's text is the file's: a one-line event's is its line (the store reads that line back
     * by offset instead of keeping the text); a longer one starts with its first line and holds
     * some of its lines in order — a kernel report keeps its first line only, the lines of other
     * events inside its range stay theirs.
     */
    private static void assertTextIsTheFiles(Event e, List<String> lines) {
        List<String> span = lines.subList(e.at().line() - 1, e.at().endLine());
        String raw = e.raw();
        if (span.size() == 1 ? raw.equals(span.getFirst()) : holdsInOrder(raw.split("\n", -1), span)) {
            return;
        }
        throw new AssertionError("the text of " + e.at() + " is not the file's:\n  event: " + Diagnostic.quote(raw) + "\n  file:  "
                + Diagnostic.quote(String.join("\n", span)) + "\n  " + e);
    }

    /** The first line is the span's first, and each other one a line of the span after the one before it. */
    private static boolean holdsInOrder(String[] own, List<String> span) {
        if (!own[0].equals(span.getFirst())) {
            return false;
        }
        int at = 1;
        for (int i = 1; i < own.length; i++, at++) {
            while (at < span.size() && !span.get(at).equals(own[i])) {
                at++;
            }
            if (at == span.size()) {
                return false;
            }
        }
        return true;
    }

    /** The file's lines read again from its start, as the loader reads a file it could not type. */
    private static List<String> linesOf(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader in = LineReader.open(file.toString(), file, new ArrayList<>())) {
            for (Line l; (l = in.next()) != null; ) {
                lines.add(l.text());
            }
        }
        return lines;
    }

    /** Valid UTF-8 with no CR, NUL or byte-order mark: its lines are what splitting at LF gives, with no help from the reader. */
    private static boolean plain(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            return false;
        }
        for (byte b : bytes) {
            if (b == '\r' || b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<String> splitAtLf(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast(); // the end of the last line, not a line
        }
        return lines;
    }

    /**
     * The line starting at byte {@code offset}, as the store shows a hit's line: up to LF, without a
     * CR before it, decoded as UTF-8, without a byte-order mark at the start of the file.
     */
    private static String lineAt(byte[] file, long offset) {
        int from = (int) Math.min(offset, file.length);
        int to = from;
        while (to < file.length && file[to] != '\n') {
            to++;
        }
        int end = to > from && file[to - 1] == '\r' ? to - 1 : to;
        String text = new String(file, from, end - from, StandardCharsets.UTF_8);
        return offset == 0 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The bytes of a file, for seeds. */
    static byte[] bytesOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
