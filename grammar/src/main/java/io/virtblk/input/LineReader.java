package io.virtblk.input;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.zip.GZIPInputStream;

/**
 * Splits an input into lines at the byte level and decodes each as UTF-8, so that nothing a
 * user kept is refused: gzip is opened by its magic bytes, CRLF line ends are
 * taken, invalid UTF-8 is replaced (U+FFFD) and reported once per line, NUL bytes and very
 * long lines are reported. Problems go to the diagnostics list; the line always comes through.
 */
public final class LineReader implements Closeable {

    /** Lines longer than this are still read whole, but said to be suspicious. */
    public static final int LONG_LINE = 64 * 1024;

    private final String source;
    private final InputStream in;
    private final List<Diagnostic> diagnostics;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private int lineNo;
    private byte[] lineBytes = new byte[256];
    private boolean sawCrlf;
    /** Byte offset (in the decompressed stream) of recent lines' starts, by line number modulo the ring size. */
    private final long[] offsets = new long[1 << 16];
    private long consumed;
    private final java.util.zip.Checksum checksum;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    public LineReader(String source, InputStream in, List<Diagnostic> diagnostics) {
        this(source, in, diagnostics, null);
    }

    private LineReader(String source, InputStream in, List<Diagnostic> diagnostics, java.util.zip.Checksum checksum) {
        this.source = source;
        this.in = in;
        this.diagnostics = diagnostics;
        this.checksum = checksum;
    }

    /** Opens a file, gunzipping it when it starts with gzip's magic bytes. */
    public static LineReader open(String source, Path path, List<Diagnostic> diagnostics) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        InputStream raw = new BufferedInputStream(new java.util.zip.CheckedInputStream(Files.newInputStream(path), crc), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream in = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new LineReader(source, in, diagnostics, crc);
    }

    /** CRC32C of the file's bytes read so far (all of them once {@link #next()} returned null). */
    public long checksum() {
        return checksum == null ? 0 : checksum.getValue();
    }

    /** Byte offset of line {@code number}'s start, or -1 when it is too far back to remember. */
    public long offsetOf(int number) {
        return number > lineNo || number <= lineNo - offsets.length || number < 1 ? -1 : offsets[number & (offsets.length - 1)];
    }

    /** True when the input is gzip-compressed; cheap, reads two bytes. */
    public static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        int len = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
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
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            len = append(len, start, end);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        lineNo++;
        offsets[lineNo & (offsets.length - 1)] = consumed;
        consumed += len + (pos > 0 && pos <= limit && buf[pos - 1] == '\n' ? 1 : 0);
        if (len > 0 && lineBytes[len - 1] == '\r') {
            len--;
            sawCrlf = true;
        }
        return new Line(lineNo, decode(len));
    }

    /** True once a line ended in CRLF. */
    public boolean sawCrlf() {
        return sawCrlf;
    }

    public int linesRead() {
        return lineNo;
    }

    private int append(int len, int from, int to) {
        int n = to - from;
        if (len + n > lineBytes.length) {
            byte[] bigger = new byte[Math.max(lineBytes.length * 2, len + n)];
            System.arraycopy(lineBytes, 0, bigger, 0, len);
            lineBytes = bigger;
        }
        System.arraycopy(buf, from, lineBytes, len, n);
        return len + n;
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            // A gzip file cut short: keep what was read, say so.
            diagnostics.add(new Diagnostic(source, lineNo + 1, 0, "compressed data ends early or is damaged (" + e.getMessage() + "); lines up to here were read"));
            eof = true;
            return false;
        }
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private String decode(int len) {
        int line = lineNo;
        // The JDK's UTF-8 decoding has an intrinsic for ASCII; only a line that decoded to a
        // replacement character is decoded again, strictly, to find and report the bad byte.
        String text = new String(lineBytes, 0, len, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            diagnostics.add(new Diagnostic(source, line, nul + 1, "binary data: NUL byte in a text line; the line is kept as raw text"));
        }
        if (len > LONG_LINE) {
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
        in.close();
    }
}
