package io.virtblk.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where stack traces go: never to the screen (a user at a prompt needs one line, not sixty), but
 * to a file they can attach to a report. {@code $VIRTBLK_CRASH_LOG}, else
 * {@code internal-errors.log} in the default cache folder, else the temporary folder.
 */
final class CrashLog {

    private CrashLog() {
    }

    /** Appends the failure of {@code commandLine}; returns the file, or null when none could be written. */
    static Path record(String commandLine, Throwable failure) {
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println("--- " + Instant.now() + " pid " + ProcessHandle.current().pid() + " java " + Runtime.version());
            w.println("command: " + commandLine);
            failure.printStackTrace(w);
        }
        byte[] text = trace.toString().getBytes(StandardCharsets.UTF_8);
        for (Path file : candidates()) {
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return file;
            } catch (IOException | RuntimeException e) {
                // try the next place: a read-only home must not hide the failure
            }
        }
        return null;
    }

    private static java.util.List<Path> candidates() {
        java.util.List<Path> all = new java.util.ArrayList<>();
        String env = System.getenv("VIRTBLK_CRASH_LOG");
        if (env != null && !env.isBlank()) {
            all.add(Path.of(env).toAbsolutePath());
        }
        String prop = System.getProperty("virtblk.crashLog");
        if (prop != null && !prop.isBlank()) {
            all.add(0, Path.of(prop).toAbsolutePath());
        }
        all.add(Main.defaultCache().resolve("internal-errors.log").toAbsolutePath());
        all.add(Path.of(System.getProperty("java.io.tmpdir"), "virtblk-shell-internal-errors-" + System.getProperty("user.name") + ".log"));
        return all;
    }
}
