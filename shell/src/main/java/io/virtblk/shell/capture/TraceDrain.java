package io.virtblk.shell.capture;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Moves the trace from the kernel's buffer to disk while the command runs, so a long run does
 * not overrun the buffer. One reader per CPU ({@code per_cpu/cpuN/trace_pipe}): the kernel
 * formats the text as it is read, one reader formats on one core, and on a busy device that is
 * the limit (one {@code trace_pipe} drained about 390,000 events a second here and lost 31 % of
 * a 68,000-IOPS run). Each CPU's file is in time order; {@link #finish} merges them by their
 * stamps into the one trace.
 *
 * <p>The readers are {@code cat} processes: a read of {@code trace_pipe} blocks while the buffer
 * is empty and, on the kernels we tried (6.18), does not return when tracing stops — a process
 * can be stopped, a blocked Java thread cannot, and the instance cannot be removed while its
 * pipe is held open.
 */
final class TraceDrain {

    private final TraceInstance instance;
    private final Path out;
    private final List<Process> cats = new ArrayList<>();
    private final List<Path> parts = new ArrayList<>();

    TraceDrain(TraceInstance instance, Path out) {
        this.instance = instance;
        this.out = out;
    }

    void start() throws IOException {
        List<Path> pipes = new ArrayList<>();
        try (Stream<Path> cpus = Files.list(instance.dir().resolve("per_cpu"))) {
            cpus.filter(p -> p.getFileName().toString().matches("cpu\\d+")).sorted().forEach(p -> pipes.add(p.resolve("trace_pipe")));
        }
        if (pipes.isEmpty()) {
            pipes.add(instance.pipe());
        }
        boolean setsid = Files.isExecutable(Path.of("/usr/bin/setsid"));
        for (Path pipe : pipes) {
            Path part = out.resolveSibling("." + out.getFileName() + "." + pipe.getParent().getFileName() + ".part");
            // a session of its own: the terminal's Ctrl-C goes to the command and to us, and must not stop the drain
            List<String> command = setsid ? List.of("/usr/bin/setsid", "cat", pipe.toString()) : List.of("cat", pipe.toString());
            parts.add(part);
            cats.add(new ProcessBuilder(command)
                    .redirectOutput(part.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start());
        }
    }

    /**
     * The readers still run. Asked while tracing is on: once tracing stops, a reader that was busy
     * reading ends by itself (EOF, on 6.x kernels), which is no failure.
     */
    boolean alive() {
        return !cats.isEmpty() && cats.stream().allMatch(Process::isAlive);
    }

    /**
     * After tracing stopped: waits until the buffer is drained (up to 5 s), stops the readers,
     * merges their files into the trace and appends what they left in the buffer.
     *
     * @return the lines appended from the buffer after the readers stopped
     */
    long finish() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && instance.counts().buffered() > 0 && cats.stream().anyMatch(Process::isAlive)) {
            sleep(50);
        }
        sleep(100); // what a reader has read it writes at once; give it the moment
        kill();
        merge(parts, out);
        long appended = 0;
        if (Files.isDirectory(instance.dir())) {
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
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

    /** The capture is failing: stops the readers and keeps in the trace what they drained. */
    void abandon() {
        kill();
        try {
            merge(parts, out);
        } catch (IOException e) {
            // the per-CPU files stay beside it, hidden: what was drained is not lost
        }
    }

    private void kill() {
        for (Process cat : cats) {
            cat.destroy();
        }
        for (Process cat : cats) {
            try {
                if (!cat.waitFor(2, TimeUnit.SECONDS)) {
                    cat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Merges files each in time order into one in time order, by the stamp of each line (a line
     * without one stays after the line before it in its file); equal stamps keep the files' order.
     * The files are removed.
     */
    static void merge(List<Path> files, Path to) throws IOException {
        record Head(double time, int file, String line) {
        }
        List<BufferedReader> readers = new ArrayList<>();
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.time() != b.time() ? Double.compare(a.time(), b.time())
                : Integer.compare(a.file(), b.file()));
        double[] last = new double[files.size()];
        try (BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (int i = 0; i < files.size(); i++) {
                BufferedReader r = Files.exists(files.get(i)) ? Files.newBufferedReader(files.get(i), StandardCharsets.UTF_8)
                        : new BufferedReader(java.io.Reader.nullReader());
                readers.add(r);
                String line = r.readLine();
                if (line != null) {
                    last[i] = stamp(line, Double.NEGATIVE_INFINITY);
                    heads.add(new Head(last[i], i, line));
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                w.write(h.line());
                w.write('\n');
                String next = readers.get(h.file()).readLine();
                if (next != null) {
                    last[h.file()] = stamp(next, last[h.file()]);
                    heads.add(new Head(last[h.file()], h.file(), next));
                }
            }
        } finally {
            for (BufferedReader r : readers) {
                r.close();
            }
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    /** The stamp of a trace line ({@code TASK-PID [CPU] FLAGS SECONDS: EVENT: ...}), or {@code otherwise}. */
    static double stamp(String line, double otherwise) {
        int close = line.indexOf("] ");
        int colon = close < 0 ? -1 : line.indexOf(": ", close);
        if (colon < 0) {
            return otherwise;
        }
        int start = line.lastIndexOf(' ', colon - 1) + 1;
        try {
            return Double.parseDouble(line.substring(start, colon));
        } catch (NumberFormatException e) {
            return otherwise;
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
