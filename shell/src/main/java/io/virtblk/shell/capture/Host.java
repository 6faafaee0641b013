package io.virtblk.shell.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where this machine's kernel interfaces are. One place, so that a test can point the
 * preflight at a folder that lacks them and see what a user without them is told.
 *
 * @param tracing   tracefs ({@code /sys/kernel/tracing})
 * @param sysKernel {@code /proc/sys/kernel}, for the hung-task detector's settings
 * @param blocks    {@code /sys/class/block}, one folder per block device with its {@code dev} and {@code inflight}
 * @param kmsg      {@code /dev/kmsg}, the kernel log with sequence numbers and stamps
 * @param proc      {@code /proc}, for the filesystems the kernel knows and the caller's uid
 */
public record Host(Path tracing, Path sysKernel, Path blocks, Path kmsg, Path proc) {

    public static Host local() {
        return new Host(Path.of("/sys/kernel/tracing"), Path.of("/proc/sys/kernel"), Path.of("/sys/class/block"), Path.of("/dev/kmsg"),
                Path.of("/proc"));
    }

    public Path hungTaskTimeout() {
        return sysKernel.resolve("hung_task_timeout_secs");
    }

    public Path hungTaskWarnings() {
        return sysKernel.resolve("hung_task_warnings");
    }

    /** The uid this process runs as, from {@code /proc/self/status}; empty when it cannot be read. */
    Optional<Integer> uid() {
        try {
            for (String line : Files.readAllLines(proc.resolve("self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Optional.of(Integer.parseInt(line.substring(4).strip().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // said by the caller as "cannot tell"
        }
        return Optional.empty();
    }

    /** tracefs is mounted where we look: its {@code instances} folder is there. */
    boolean tracefsMounted() {
        return Files.isDirectory(tracing.resolve("instances"));
    }

    /** tracefs could be mounted: the kernel knows the filesystem and the mount point exists. */
    boolean tracefsMountable() {
        try {
            return Files.isDirectory(tracing) && Files.readString(proc.resolve("filesystems")).contains("\ttracefs");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A kernel setting's text. In one read with room to spare: {@code /proc/sys} answers only a
     * read at offset 0 (a second read gets nothing, so a reader that takes one byte first —
     * {@code Files.readString} on a file of size 0 does — gets "1" of "120"), and some tracefs
     * files refuse small reads.
     */
    static String read(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n = 0;
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0; ) {
                n += r;
            }
            return new String(buf, 0, n, StandardCharsets.UTF_8).strip();
        }
    }

    /** Writes a kernel setting as {@code echo VALUE > FILE} does: one write, the kernel answers at once. */
    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
    }
}
