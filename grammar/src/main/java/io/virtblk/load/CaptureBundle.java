package io.virtblk.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folder {@code virtblk-shell capture} writes: which file is which input. A folder holding
 * {@value #MANIFEST} is a bundle and loads as its inputs with their formats named (the trace is
 * a block trace, the kernel log a kernel log, whatever their first lines look like), the
 * manifest itself and empty outputs left out — one case on one clock.
 */
public final class CaptureBundle {

    /** Names this layout in {@code capture.json}'s {@code format}. */
    public static final String FORMAT = "virtblk-capture 1";
    public static final String MANIFEST = "capture.json";
    public static final String TRACE = "trace.txt";
    public static final String KERNEL_LOG = "kern.log";
    public static final String STDOUT = "stdout.txt";
    public static final String STDERR = "stderr.txt";

    private CaptureBundle() {
    }

    /** {@code files} of {@code capture.json}: role to file name. */
    public static Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trace", TRACE);
        m.put("kernel_log", KERNEL_LOG);
        m.put("stdout", STDOUT);
        m.put("stderr", STDERR);
        return m;
    }

    public static boolean is(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /**
     * The bundle's inputs as load arguments, format prefixes included ({@code block:DIR/trace.txt}):
     * the trace and the kernel log when they were written (an empty one says so when loaded; a
     * capture that failed early wrote no trace), the command's output only when it wrote some.
     */
    public static List<String> inputs(Path dir) {
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(TRACE))) {
            out.add(InputFormat.BLOCK_TRACE.id() + ":" + dir.resolve(TRACE));
        }
        if (Files.isRegularFile(dir.resolve(KERNEL_LOG))) {
            out.add(InputFormat.KERNEL_LOG.id() + ":" + dir.resolve(KERNEL_LOG));
        }
        for (String f : List.of(STDOUT, STDERR)) {
            Path p = dir.resolve(f);
            try {
                if (Files.size(p) > 0) {
                    out.add(p.toString());
                }
            } catch (java.io.IOException e) {
                // not written: the command never started
            }
        }
        return out;
    }
}
