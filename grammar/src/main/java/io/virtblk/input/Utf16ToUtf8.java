package io.virtblk.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-16 bytes in, UTF-8 bytes out, as they are read: a log saved by a Windows tool reads like
 * any other. An unpaired surrogate becomes U+FFFD, as the line reader shows other bad bytes.
 */
final class Utf16ToUtf8 extends InputStream {

    private final Reader chars;
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer in = CharBuffer.allocate(8192);
    private final ByteBuffer out = ByteBuffer.allocate(3 * 8192 + 16);
    private boolean eof;

    Utf16ToUtf8(InputStream utf16, Charset charset) {
        this.chars = new InputStreamReader(utf16, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        out.flip();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!out.hasRemaining()) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.remaining());
        out.get(b, off, n);
        return n;
    }

    private void fill() throws IOException {
        out.clear();
        int n = chars.read(in);
        if (n < 0) {
            eof = true;
            in.flip();
            utf8.encode(in, out, true);
            utf8.flush(out);
        } else {
            in.flip();
            utf8.encode(in, out, false);
            in.compact();
        }
        out.flip();
    }

    @Override
    public void close() throws IOException {
        chars.close();
    }
}
