package io.virtblk.shell.capture;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Moves the trace from the kernel's buffer to disk while the command runs, so a long run never
 * overruns the buffer. The reader is {@code cat} on the instance's {@code trace_pipe}: a read of
 * {@code trace_pipe} blocks while the buffer is empty and, on the kernels we tried (6.18), does
 * not return when tracing stops — a process can be stopped, a blocked Java thread cannot, and
 * the instance cannot be removed while its pipe is held open.
 */
final class TraceDrain {

    private final TraceInstance instance;
    private final Path out;
    private Process cat;

    TraceDrain(TraceInstance instance, Path out) {
        this.instance = instance;
        this.out = out;
    }

    void start() throws IOException {
        // a session of its own: the terminal's Ctrl-C goes to the command and to us, and must not stop the drain
        List<String> command = Files.isExecutable(Path.of("/usr/bin/setsid")) ? List.of("/usr/bin/setsid", "cat", instance.pipe().toString())
                : List.of("cat", instance.pipe().toString());
        cat = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    /**
     * After tracing stopped: waits until the buffer is drained (up to 5 s), stops the reader and
     * appends what it left in the buffer from the {@code trace} file.
     *
     * @return the lines appended from the buffer after the reader stopped
     */
    long finish() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && instance.counts().buffered() > 0 && cat != null && cat.isAlive()) {
            sleep(50);
        }
        sleep(100); // what cat has read it writes at once; give it the moment
        if (cat != null) {
            cat.destroy();
            try {
                if (!cat.waitFor(2, TimeUnit.SECONDS)) {
                    cat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long appended = 0;
        if (Files.isDirectory(instance.dir())) {
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                for (String line : instance.snapshot().split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        w.write(line);
                        w.write('\n');
                        appended++;
                    }
                }
            }
        }
        return appended;
    }

    /**
     * The reader still runs. Asked while tracing is on: once tracing stops, a reader that was busy
     * reading ends by itself (EOF, on 6.x kernels), which is no failure.
     */
    boolean alive() {
        return cat != null && cat.isAlive();
    }

    /** Stops the reader at once (the capture is failing); the file keeps what was drained. */
    void kill() {
        if (cat != null) {
            cat.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
