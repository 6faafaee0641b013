package io.virtblk.input;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One input opened once, whatever it is: a file, a pipe, a FIFO, {@code /dev/stdin} or
 * {@code <(...)}. What it holds is told from its first bytes, read from the same stream that
 * is then parsed (a pipe cannot be opened twice): gzip by its magic bytes, UTF-16 by its
 * byte-order mark or its zero bytes, a UTF-8 byte-order mark skipped. {@link #stream()} gives
 * UTF-8 bytes; the raw bytes read are counted and check-summed, which identifies the file for
 * the cache.
 */
public final class TextInput implements Closeable {

    /** How the text was encoded; anything but UTF-8 is turned into UTF-8 while it is read. */
    public enum Encoding {
        UTF8("UTF-8"), UTF8_BOM("UTF-8 with a byte-order mark"), UTF16LE("UTF-16LE"), UTF16BE("UTF-16BE");

        private final String shown;

        Encoding(String shown) {
            this.shown = shown;
        }

        public String shown() {
            return shown;
        }
    }

    /** How much of the start is looked at to tell binary from text and UTF-16 from UTF-8. */
    static final int HEAD = 64 * 1024;

    private final Path path;
    private final boolean regular;
    private final long modifiedMillis;
    private final Tally tally;
    private final boolean gzip;
    private final Encoding encoding;
    private final int skipped;
    private final String notText;
    private final InputStream stream;

    private TextInput(Path path, boolean regular, long modifiedMillis, Tally tally, boolean gzip, Encoding encoding, int skipped,
                      String notText, InputStream stream) {
        this.path = path;
        this.regular = regular;
        this.modifiedMillis = modifiedMillis;
        this.tally = tally;
        this.gzip = gzip;
        this.encoding = encoding;
        this.skipped = skipped;
        this.notText = notText;
        this.stream = stream;
    }

    /**
     * Opens {@code path} and reads as far as its first {@value #HEAD} bytes (or its end) to tell
     * what it is. An incomplete gzip header is an IOException saying so.
     */
    public static TextInput open(Path path) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new IOException(path + ": is a directory; name the files in it");
        }
        Tally tally = new Tally(Files.newInputStream(path));
        BufferedInputStream raw = new BufferedInputStream(tally, 1 << 16);
        try {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            InputStream text = raw;
            if (gzip) {
                try {
                    text = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
                } catch (EOFException | ZipException e) {
                    throw new IOException("not a complete gzip file: it ends or is damaged inside the gzip header (after "
                            + tally.count + " bytes)" + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
                }
            }
            byte[] head = peek(text);
            Encoding encoding = encodingOf(head);
            int skip = switch (encoding) {
                case UTF8_BOM -> 3;
                case UTF16LE, UTF16BE -> hasBom16(head) ? 2 : 0;
                default -> 0;
            };
            text.skipNBytes(skip);
            if (encoding == Encoding.UTF16LE || encoding == Encoding.UTF16BE) {
                text = new Utf16ToUtf8(text, encoding == Encoding.UTF16LE ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
            }
            String notText = encoding == Encoding.UTF8 || encoding == Encoding.UTF8_BOM ? binaryReason(head, skip) : null;
            return new TextInput(path, attrs.isRegularFile(), attrs.lastModifiedTime().toMillis(), tally, gzip, encoding, skip, notText,
                    text);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The first bytes, left unread in {@code in} (which supports mark). */
    private static byte[] peek(InputStream in) throws IOException {
        in.mark(HEAD + 1);
        byte[] head = new byte[HEAD];
        int n = 0;
        try {
            for (int r; n < HEAD && (r = in.read(head, n, HEAD - n)) > 0; ) {
                n += r;
            }
        } catch (EOFException | ZipException e) {
            // a damaged gzip stream: the line reader meets the same damage and reports where
        }
        in.reset();
        return java.util.Arrays.copyOf(head, n);
    }

    private static boolean hasBom16(byte[] h) {
        return h.length >= 2 && ((h[0] == (byte) 0xff && h[1] == (byte) 0xfe) || (h[0] == (byte) 0xfe && h[1] == (byte) 0xff));
    }

    /** By byte-order mark; without one, UTF-16 text of mostly ASCII has a zero in every other byte and only there. */
    static Encoding encodingOf(byte[] h) {
        if (h.length >= 3 && h[0] == (byte) 0xef && h[1] == (byte) 0xbb && h[2] == (byte) 0xbf) {
            return Encoding.UTF8_BOM;
        }
        if (h.length >= 2 && h[0] == (byte) 0xff && h[1] == (byte) 0xfe) {
            return Encoding.UTF16LE;
        }
        if (h.length >= 2 && h[0] == (byte) 0xfe && h[1] == (byte) 0xff) {
            return Encoding.UTF16BE;
        }
        int pairs = Math.min(h.length, 4096) / 2;
        if (pairs < 2) {
            return Encoding.UTF8;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < pairs; i++) {
            evenZero += h[2 * i] == 0 ? 1 : 0;
            oddZero += h[2 * i + 1] == 0 ? 1 : 0;
        }
        if (oddZero * 10 >= pairs * 8 && evenZero * 20 <= pairs) {
            return Encoding.UTF16LE;
        }
        if (evenZero * 10 >= pairs * 8 && oddZero * 20 <= pairs) {
            return Encoding.UTF16BE;
        }
        return Encoding.UTF8;
    }

    /**
     * Why the start is not text, or null: when more than 30% of it are NUL bytes, control
     * characters no log has, or bytes that are not UTF-8. A kern.log with a run of NULs after a
     * crash stays text; {@code /dev/zero}, random data and disk images do not.
     */
    static String binaryReason(byte[] h, int from) {
        int n = h.length - from;
        if (n <= 0) {
            return null;
        }
        int bad = 0;
        int nul = 0;
        for (int i = from; i < h.length; ) {
            int b = h[i] & 0xff;
            if (b < 0x80) {
                if (b == 0) {
                    nul++;
                    bad++;
                } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b && b != 0x1b && b != '\b') {
                    bad++;
                }
                i++;
                continue;
            }
            int len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
            boolean ok = len > 0 && i + len <= h.length;
            for (int k = 1; ok && k < len; k++) {
                ok = (h[i + k] & 0xc0) == 0x80;
            }
            if (!ok && len > 0 && i + len > h.length) {
                break; // a character cut by the end of the head, not a bad one
            }
            if (ok) {
                i += len;
            } else {
                bad++;
                i++;
            }
        }
        if (bad * 10 <= n * 3) {
            return null;
        }
        int pct = (int) (100L * bad / n);
        return String.format(Locale.ROOT, "not text: %d%% of its first %,d bytes are %s", pct, n,
                nul == bad ? "NUL bytes" : "NUL bytes, control characters or bytes that are not UTF-8");
    }

    public Path path() {
        return path;
    }

    /** UTF-8 text, without a byte-order mark. */
    public InputStream stream() {
        return stream;
    }

    /** False for a pipe, a FIFO, a device: it cannot be read again, or by path, or cached. */
    public boolean regular() {
        return regular;
    }

    public boolean gzip() {
        return gzip;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** Bytes of a byte-order mark skipped at the start of the text. */
    public int skipped() {
        return skipped;
    }

    /** Why the input does not look like text (see {@link #binaryReason}), or null. */
    public String notText() {
        return notText;
    }

    /** Modification time when it was opened (the file may change while it is read). */
    public long modifiedMillis() {
        return modifiedMillis;
    }

    /** Raw bytes read so far (compressed, for gzip). */
    public long bytesRead() {
        return tally.count;
    }

    /** CRC32C of the raw bytes read so far. */
    public long checksum() {
        return tally.crc.getValue();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** Counts and check-sums the raw bytes as they pass. */
    private static final class Tally extends FilterInputStream {
        final CRC32C crc = new CRC32C();
        long count;

        Tally(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                crc.update(b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would leave bytes out of the checksum: read them instead
            byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
            return Math.max(0, read(sink, 0, sink.length));
        }
    }
}
