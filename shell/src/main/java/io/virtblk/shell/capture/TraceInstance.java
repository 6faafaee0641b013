package io.virtblk.shell.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our own ftrace instance ({@code instances/virtblk-capture-PID}): its clock, buffer, events and
 * filters are its own, so the machine's top-level tracing (someone else's) is never touched,
 * and removing the folder puts everything back at once.
 */
final class TraceInstance {

    /** Per-CPU buffer while recording, at most; drained continuously, it only has to hold a burst. */
    static final int BUFFER_KB = 8192;
    /** ... and at least, unless the kernel cannot give that much. */
    static final int MIN_BUFFER_KB = 1024;

    private final Path dir;
    private int bufferKb;

    private TraceInstance(Path dir) {
        this.dir = dir;
    }

    /** The per-CPU buffer the kernel gave, in KiB. */
    int bufferKb() {
        return bufferKb;
    }

    /**
     * A per-CPU buffer that holds a burst without taking the machine's memory: 8 MiB per CPU, but
     * all CPUs' buffers together no more than a 32nd of the memory available now (a 128-CPU host
     * would otherwise pin 1 GiB), and 1 MiB per CPU at least.
     */
    static int bufferFor(long availableKb, int cpus) {
        long share = availableKb / 32 / Math.max(1, cpus);
        return (int) Math.max(MIN_BUFFER_KB, Math.min(BUFFER_KB, share));
    }

    private static long availableKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // sized as if memory were plenty; the kernel's refusal is handled
        }
        return Long.MAX_VALUE / 2;
    }

    static String name() {
        return "virtblk-capture-" + ProcessHandle.current().pid();
    }

    /** Makes the instance (recorded in {@code changes} for removal), tracing off. */
    static TraceInstance create(Host host, Changes changes) throws IOException {
        Path dir = host.tracing().resolve("instances").resolve(name());
        Files.createDirectory(dir);
        TraceInstance t = new TraceInstance(dir);
        changes.made("ftrace instance " + dir, "absent", "present", t::remove);
        Host.write(dir.resolve("tracing_on"), "0");
        int kb = bufferFor(availableKb(), Runtime.getRuntime().availableProcessors());
        try {
            Host.write(dir.resolve("buffer_size_kb"), Integer.toString(kb));
        } catch (IOException e) {
            kb = MIN_BUFFER_KB; // ENOMEM: the smaller buffer, drained as fast
            Host.write(dir.resolve("buffer_size_kb"), Integer.toString(kb));
        }
        t.bufferKb = kb;
        return t;
    }

    Path dir() {
        return dir;
    }

    Path pipe() {
        return dir.resolve("trace_pipe");
    }

    /** The clocks the kernel offers, from {@code trace_clock} ({@code [local] global counter ...}). */
    List<String> clocks() throws IOException {
        List<String> out = new ArrayList<>();
        for (String c : Host.read(dir.resolve("trace_clock")).split("\\s+")) {
            out.add(c.replace("[", "").replace("]", ""));
        }
        return out;
    }

    void clock(String name) throws IOException {
        Host.write(dir.resolve("trace_clock"), name);
    }

    void on(boolean on) throws IOException {
        Host.write(dir.resolve("tracing_on"), on ? "1" : "0");
    }

    /** Empties the buffer (what {@code echo > trace} does). */
    void clear() throws IOException {
        Files.writeString(dir.resolve("trace"), "");
    }

    /** Writes a line into the trace, stamped on the instance's clock. */
    void mark(String text) throws IOException {
        Files.writeString(dir.resolve("trace_marker"), text);
    }

    /** The buffer's text as the {@code trace} file shows it (not consumed). */
    String snapshot() throws IOException {
        return Files.readString(dir.resolve("trace"));
    }

    /**
     * Enables {@code system/event} with the device {@code filter} (null: every record) when the
     * event has the {@code dev} field it names ({@code block_plug} has none: the kernel would
     * refuse the filter); returns whether the filter was set.
     */
    boolean enable(String system, String event, String filter) throws IOException {
        Path e = dir.resolve("events").resolve(system).resolve(event);
        boolean filtered = filter != null && Host.read(e.resolve("format")).contains(" dev;");
        if (filtered) {
            Host.write(e.resolve("filter"), filter);
        }
        Host.write(e.resolve("enable"), "1");
        return filtered;
    }

    /** Recorded and lost so far, summed over the CPUs' {@code per_cpu/cpuN/stats}. */
    Counts counts() {
        long entries = 0;
        long read = 0;
        long lost = 0;
        try (Stream<Path> cpus = Files.list(dir.resolve("per_cpu"))) {
            for (Path cpu : cpus.toList()) {
                for (String line : Files.readAllLines(cpu.resolve("stats"))) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = line.substring(0, colon);
                    String v = line.substring(colon + 1).strip();
                    if (!v.matches("\\d+")) {
                        continue;
                    }
                    long n = Long.parseLong(v);
                    switch (key) {
                        case "entries" -> entries += n;
                        case "read events" -> read += n;
                        case "overrun", "dropped events" -> lost += n;
                        default -> {
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Counts(-1, -1, -1);
        }
        return new Counts(entries, read, lost);
    }

    /**
     * @param buffered in the buffer, not yet drained
     * @param drained  read out to disk
     * @param lost     overwritten before they were read, or dropped
     */
    record Counts(long buffered, long drained, long lost) {
        long recorded() {
            return buffered + drained;
        }
    }

    /** Stops tracing, disables the events and removes the folder. */
    void remove() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            Host.write(dir.resolve("tracing_on"), "0");
            Host.write(dir.resolve("events/enable"), "0");
        } catch (IOException e) {
            // removing the folder is what matters; it fails below if the kernel refuses
        }
        IOException last = null;
        // a reader that has just been stopped may still hold trace_pipe for a moment (EBUSY)
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.delete(dir);
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IOException("cannot remove " + dir + " (" + last.getMessage() + "); remove it with: rmdir " + dir);
    }
}
