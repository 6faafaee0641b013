package io.virtblk.shell.command;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.CancellationException;

/**
 * Command output that stops on Ctrl-C. Ctrl-C interrupts the command's thread, but a command that
 * prints in a loop ({@code replay --step} on a big log prints for seconds) never waits on anything
 * that would notice; every line it prints passes here, so the next one after Ctrl-C ends it. The
 * interrupt is left set, so what the command does next (a Lucene read, a queue) sees it too.
 */
public final class CancellableWriter extends Writer {

    /** Thrown from the first write after Ctrl-C; the command table names the command that stopped. */
    public static final class Stopped extends CancellationException {
        Stopped() {
            super("output stopped");
        }
    }

    private final Writer out;

    CancellableWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new Stopped();
        }
        out.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
