package io.virtblk.shell.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies a stream of the command's (fio's stdout) to its file in the bundle and to the user's terminal. */
final class Tee extends Thread {

    private final InputStream from;
    private final Path file;
    private final OutputStream echo;
    private final Runnable beforeEcho;

    /** {@code beforeEcho} runs before each piece is shown (the status line makes room). */
    Tee(InputStream from, Path file, OutputStream echo, Runnable beforeEcho, String name) {
        super(name);
        setDaemon(true);
        this.from = from;
        this.file = file;
        this.echo = echo;
        this.beforeEcho = beforeEcho;
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try (OutputStream f = Files.newOutputStream(file)) {
            for (int n; (n = from.read(buf)) >= 0; ) {
                f.write(buf, 0, n);
                f.flush();
                beforeEcho.run();
                synchronized (echo) {
                    echo.write(buf, 0, n);
                    echo.flush();
                }
            }
        } catch (IOException e) {
            // the command closed its end, or the terminal went away: the file has what came
        }
    }
}
