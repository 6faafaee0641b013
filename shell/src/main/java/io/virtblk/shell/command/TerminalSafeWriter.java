package io.virtblk.shell.command;

import java.io.IOException;
import java.io.Writer;

/**
 * The last guard between text that came from a file and the user's terminal: a log line may hold
 * a clear-screen, an OSC sequence that sets the window title or the clipboard (OSC 52), a BEL, a
 * backspace or a bare CR that rewrites what was printed. Every control character that passes
 * through is shown as {@code \xNN} — except a newline and a tab, and, on the error stream, the CR
 * that redraws a progress line — and an escape only passes as the start of a colour sequence
 * ({@code ESC [ digits ; m}), which is all this shell itself writes.
 *
 * <p>Commands also make text from files visible where they print it ({@link Style#visible}),
 * which shows a log's own colour codes too; this writer catches whatever a command forgot.
 */
public final class TerminalSafeWriter extends Writer {

    private final Writer out;
    private final boolean progressLines;
    /** An escape and what followed it, held until it proves to be a colour sequence or not. */
    private final StringBuilder pending = new StringBuilder();

    public TerminalSafeWriter(Writer out, boolean progressLines) {
        this.out = out;
        this.progressLines = progressLines;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        int run = off; // plain characters pass in runs, not one by one
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (pending.isEmpty() && (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0) || c == '\n' || c == '\t')) {
                continue;
            }
            out.write(buf, run, i - run);
            put(c);
            run = i + 1;
        }
        out.write(buf, run, off + len - run);
    }

    private void put(char c) throws IOException {
        if (!pending.isEmpty()) {
            pending.append(c);
            if (pending.length() == 2 ? c == '[' : c >= '0' && c <= '9' || c == ';') {
                if (pending.length() < 24) {
                    return; // still a colour sequence, so far
                }
            } else if (pending.length() > 2 && c == 'm') {
                out.write(pending.toString());
                pending.setLength(0);
                return;
            }
            // not a colour sequence: every character of it shown, the escape made visible
            String held = pending.toString();
            pending.setLength(0);
            out.write("\\x1b");
            for (int i = 1; i < held.length(); i++) {
                plain(held.charAt(i));
            }
            return;
        }
        if (c == 0x1b) {
            pending.append(c);
            return;
        }
        plain(c);
    }

    private void plain(char c) throws IOException {
        boolean control = c < 0x20 && c != '\n' && c != '\t' && !(c == '\r' && progressLines) || c == 0x7f || c >= 0x80 && c < 0xa0;
        if (control) {
            out.write(String.format("\\x%02x", (int) c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (!pending.isEmpty()) {
            out.write("\\x1b" + pending.substring(1));
            pending.setLength(0);
        }
        out.close();
    }
}
