package io.virtblk.analyzer.store;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Lines of a source read back by byte offset (the store does not keep single lines) through one
 * open file and a read-ahead window. Hits come in input order, so the next line is nearly
 * always in the window already: exporting two million lines costs a few thousand reads instead
 * of two million opens.
 */
final class LineWindow implements Closeable {

    private static final int WINDOW = 1 << 16;

    /** Checks, before the first read, that the file is still the one loaded. */
    interface Check {
        void run() throws IOException;
    }

    private final Path path;
    private final Check unchanged;
    private final String source;
    private final int maxLine;
    private FileChannel channel;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long start = -1;
    private int length;

    /** Lines of {@code path} cut at {@code maxLine} bytes, checked by {@code unchanged} first; {@code source} names it in messages. */
    LineWindow(Path path, int maxLine, Check unchanged, String source) {
        this.path = path;
        this.maxLine = maxLine;
        this.unchanged = unchanged;
        this.source = source;
    }

    LineWindow(Path path) {
        this(path, io.virtblk.input.Limits.DEFAULT_MAX_LINE, () -> { }, path.toString());
    }

    /** Line 1 without a UTF-8 byte-order mark, as the loader read it. */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The line starting at {@code offset}, without its end ("\n" or "\r\n"), cut at the line limit
     * as the loader cut it; "" past the end of the file.
     */
    String line(long offset) throws IOException {
        String text = read(offset);
        return offset == 0 ? withoutBom(text) : text;
    }

    private String read(long offset) throws IOException {
        ByteArrayOutputStream longLine = null;
        long at = offset;
        while (true) {
            if (start < 0 || at < start || at >= start + length) {
                fill(at);
                if (length <= 0) {
                    break;
                }
            }
            int from = (int) (at - start);
            int nl = from;
            byte[] b = window.array();
            while (nl < length && b[nl] != '\n') {
                nl++;
            }
            if (nl < length && longLine == null && nl - from <= maxLine) {
                return text(b, from, nl);
            }
            if (longLine == null) {
                longLine = new ByteArrayOutputStream(2 * (length - from));
            }
            longLine.write(b, from, Math.min(nl - from, maxLine + 1 - longLine.size()));
            if (nl < length || longLine.size() > maxLine) {
                break;
            }
            at = start + length;
        }
        byte[] all = longLine == null ? new byte[0] : longLine.toByteArray();
        if (all.length > maxLine) {
            // the loader kept only the first maxLine bytes, cut between characters
            int end = maxLine;
            while (end > 0 && (all[end] & 0xc0) == 0x80) {
                end--;
            }
            return new String(all, 0, end, StandardCharsets.UTF_8);
        }
        return text(all, 0, all.length);
    }

    private static String text(byte[] b, int from, int to) {
        int end = to > from && b[to - 1] == '\r' ? to - 1 : to;
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }

    private void fill(long at) throws IOException {
        if (channel == null) {
            if (path == null) {
                throw new IOException(source + " was read from a pipe and its text was not kept: its lines cannot be shown again");
            }
            unchanged.run();
            channel = FileChannel.open(path);
        }
        window.clear();
        int n;
        try {
            n = channel.read(window, at);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            // Ctrl-C while a line was being read: the channel is closed by then, the command is over
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        start = at;
        length = Math.max(0, n);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
