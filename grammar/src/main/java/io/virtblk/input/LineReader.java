package io.virtblk.input;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an input into lines at the byte level and decodes each as UTF-8, so that nothing a
 * user kept is refused: LF and CRLF line ends are taken, and CR alone when the start of the
 * input has no LF at all; invalid UTF-8 is replaced (U+FFFD) and reported once per line, NUL
 * bytes and very long lines are reported; a line over the limit is cut, reading stops at the
 * input limit ({@link Limits}). Problems go to the diagnostics list; the line always comes
 * through.
 *
 * <p>When the lines cannot be read back later from the file by byte offset (a pipe, UTF-16,
 * CR line ends), they are copied as they are read into a spool file, UTF-8 with LF ends, and
 * offsets refer to it instead.
 */
public final class LineReader implements Closeable {

    /** Lines longer than this are still read whole (up to the limit), but said to be suspicious. */
    public static final int LONG_LINE = 64 * 1024;

    private final String source;
    private final InputStream in;
    private final List<Diagnostic> diagnostics;
    private final Limits limits;
    private final TextInput input;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean crOnly;
    private final boolean mayBeCrOnly;
    private int lineNo;
    private byte[] lineBytes = new byte[256];
    private boolean sawCrlf;
    /** Byte offset (in the text, or the spool) of recent lines' starts, by line number modulo the ring size. */
    private final long[] offsets = new long[1 << 16];
    /** Bytes of text taken from the stream, cut parts of long lines included. */
    private long consumed;
    /** Bytes of text read from the stream, for the input limit. */
    private long taken;
    private final Path spoolPath;
    private final boolean mustSpool;
    private OutputStream spool;
    private long spooled;
    private boolean stoppedAtLimit;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Lines of a plain UTF-8 stream, LF or CRLF ended (reading a loaded file or spool back). */
    public LineReader(String source, InputStream in, List<Diagnostic> diagnostics) {
        this(source, in, diagnostics, Limits.standard());
    }

    /** As {@link #LineReader(String, InputStream, List)}, cutting lines at {@code limits}' bound as they were cut when loaded. */
    public LineReader(String source, InputStream in, List<Diagnostic> diagnostics, Limits limits) {
        this(source, in, null, diagnostics, limits, null, false, false);
    }

    private LineReader(String source, InputStream in, TextInput input, List<Diagnostic> diagnostics, Limits limits, Path spoolPath,
                       boolean mustSpool, boolean mayBeCrOnly) {
        this.source = source;
        this.in = in;
        this.input = input;
        this.diagnostics = diagnostics;
        this.limits = limits;
        this.spoolPath = spoolPath;
        this.mustSpool = mustSpool;
        this.mayBeCrOnly = mayBeCrOnly;
        this.consumed = input == null ? 0 : input.skipped();
    }

    /**
     * Lines of an opened input. {@code spoolPath} is where its text is copied when it cannot be
     * read back from the file by offset (see {@link #spooled()}); null to never copy.
     */
    public static LineReader of(String source, TextInput input, List<Diagnostic> diagnostics, Limits limits, Path spoolPath)
            throws IOException {
        boolean must = spoolPath != null && (!input.regular() || input.encoding() == TextInput.Encoding.UTF16LE
                || input.encoding() == TextInput.Encoding.UTF16BE);
        LineReader r = new LineReader(source, input.stream(), input, diagnostics, limits, spoolPath, must, true);
        r.start(); // decides the line end and the spool now, so offsets are known before the first line is asked for
        return r;
    }

    /** Opens a file (gunzipping, decoding UTF-16) with the standard limits and no spool; for tools and tests. */
    public static LineReader open(String source, Path path, List<Diagnostic> diagnostics) throws IOException {
        return of(source, TextInput.open(path), diagnostics, Limits.standard(), null);
    }

    /** CRC32C of the file's raw bytes read so far (all of them once {@link #next()} returned null); 0 for a plain stream. */
    public long checksum() {
        return input == null ? 0 : input.checksum();
    }

    /** Byte offset of line {@code number}'s start, or -1 when it is too far back to remember. */
    public long offsetOf(int number) {
        return number > lineNo || number <= lineNo - offsets.length || number < 1 ? -1 : offsets[number & (offsets.length - 1)];
    }

    /** The spool the lines were copied to, or null when they are read back from the file itself. */
    public Path spooled() {
        return spool == null ? null : spoolPath;
    }

    /** True when lines were split at CR alone. */
    public boolean crOnly() {
        return crOnly;
    }

    /** True when reading stopped at the input limit. */
    public boolean stoppedAtLimit() {
        return stoppedAtLimit;
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        if (!started) {
            start();
        }
        byte end = crOnly ? (byte) '\r' : (byte) '\n';
        int len = 0;
        long whole = 0;
        boolean any = false;
        boolean ended = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill(any)) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == end) {
                    nl = i;
                    break;
                }
            }
            int stop = nl < 0 ? limit : nl;
            whole += stop - start;
            len = append(len, start, stop);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                ended = true;
                break;
            }
        }
        lineNo++;
        offsets[lineNo & (offsets.length - 1)] = spool != null ? spooled : consumed;
        consumed += whole + (ended ? 1 : 0);
        boolean cut = whole > len;
        if (!cut && !crOnly && len > 0 && lineBytes[len - 1] == '\r') {
            len--;
            sawCrlf = true;
        }
        if (cut) {
            diagnostics.add(new Diagnostic(source, lineNo, len + 1, "line is " + String.format("%,d", whole) + " bytes long, over the limit of "
                    + Limits.shown(limits.maxLineBytes()) + " (--max-line): only its first " + String.format("%,d", len) + " bytes are kept"));
        }
        if (spool != null) {
            spool.write(lineBytes, 0, len);
            spool.write('\n');
            spooled += len + 1;
        }
        return new Line(lineNo, decode(len, cut));
    }

    /** Decides the line end and the spool on the first bytes. */
    private void start() throws IOException {
        started = true;
        if (mayBeCrOnly && fill(false)) {
            boolean lf = false;
            boolean cr = false;
            for (int i = 0; i < limit && !lf; i++) {
                lf = buf[i] == '\n';
                cr |= buf[i] == '\r';
            }
            crOnly = cr && !lf;
        }
        if (spoolPath != null && (mustSpool || crOnly)) {
            spool = new BufferedOutputStream(Files.newOutputStream(spoolPath), 1 << 16);
        }
    }

    /** True once a line ended in CRLF. */
    public boolean sawCrlf() {
        return sawCrlf;
    }

    public int linesRead() {
        return lineNo;
    }

    /** Appends what fits under the line limit; the rest of an over-long line is skipped (cut at a character boundary). */
    private int append(int len, int from, int to) {
        int n = Math.min(to - from, limits.maxLineBytes() - len);
        if (n <= 0) {
            return len;
        }
        if (n < to - from) {
            // cut: do not split a UTF-8 character (a continuation byte 10xxxxxx follows the cut)
            while (n > 0 && (buf[from + n] & 0xc0) == 0x80) {
                n--;
            }
        }
        if (len + n > lineBytes.length) {
            byte[] bigger = new byte[(int) Math.min(limits.maxLineBytes() + 1L, Math.max(lineBytes.length * 2L, len + n))];
            System.arraycopy(lineBytes, 0, bigger, 0, len);
            lineBytes = bigger;
        }
        System.arraycopy(buf, from, lineBytes, len, n);
        return len + n;
    }

    /** Reads the next block; {@code midLine} when a line has begun, which is where a damage found now is reported. */
    private boolean fill(boolean midLine) throws IOException {
        if (taken >= limits.maxInputBytes()) {
            stoppedAtLimit = true;
            eof = true;
            diagnostics.add(new Diagnostic(source, midLine || lineNo == 0 ? lineNo + 1 : lineNo, 0, "stopped reading after " + Limits.shown(limits.maxInputBytes())
                    + " (the input limit, --max-input): the rest of the input is not loaded"));
            return false;
        }
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            // A gzip file cut short or damaged: keep what was read, say so at the line being read, or
            // at the last one read when the damage is found between lines (a bad checksum at the end)
            diagnostics.add(new Diagnostic(source, midLine || lineNo == 0 ? lineNo + 1 : lineNo, 0, "compressed data ends early or is damaged ("
                    + (e.getMessage() == null ? "unexpected end of the gzip stream" : e.getMessage()) + "); lines up to here were read"));
            eof = true;
            return false;
        }
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = (int) Math.min(n, limits.maxInputBytes() - taken);
        taken += limit;
        return true;
    }

    private String decode(int len, boolean cut) {
        int line = lineNo;
        // The JDK's UTF-8 decoding has an intrinsic for ASCII; only a line that decoded to a
        // replacement character is decoded again, strictly, to find and report the bad byte.
        String text = new String(lineBytes, 0, len, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            diagnostics.add(new Diagnostic(source, line, nul + 1, "binary data: NUL byte in a text line; the line is kept as raw text"));
        }
        if (len > LONG_LINE && !cut) {
            diagnostics.add(new Diagnostic(source, line, LONG_LINE + 1, "line is " + len + " bytes long (over " + LONG_LINE + "); kept whole"));
        }
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                strict.reset().decode(ByteBuffer.wrap(lineBytes, 0, len));
            } catch (CharacterCodingException e) {
                int column = firstMalformed(len);
                diagnostics.add(new Diagnostic(source, line, column, "invalid UTF-8 (byte 0x"
                        + String.format("%02x", lineBytes[column - 1] & 0xff) + "); replaced with U+FFFD"));
            }
        }
        return text;
    }

    /** 1-based column (in bytes) of the first byte that is not valid UTF-8. */
    private int firstMalformed(int len) {
        CharBuffer out = CharBuffer.allocate(len + 1);
        ByteBuffer inBuf = ByteBuffer.wrap(lineBytes, 0, len);
        strict.reset();
        var result = strict.decode(inBuf, out, true);
        return result.isError() ? inBuf.position() + 1 : 1;
    }

    /** Reads every line; for small inputs and tests. */
    public List<Line> readAll() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Line l; (l = next()) != null; ) {
            lines.add(l);
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        try {
            if (spool != null) {
                spool.close();
            }
        } finally {
            in.close();
        }
    }
}
