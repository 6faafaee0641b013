package io.virtblk.shell.command;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a file could not be written, in words a user can act on. Java's exceptions for this carry
 * only the path ({@code NoSuchFileException: /nonexistent/dir/x.csv}), which reads as an echo of
 * what was typed rather than a reason.
 */
public final class WriteFailure {

    private WriteFailure() {
    }

    /** "cannot write FILE: REASON". */
    public static String of(Path file, IOException e) {
        return "cannot write " + Style.visible(file.toString()) + ": " + reason(file, e);
    }

    private static String reason(Path file, IOException e) {
        Path parent = file.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException) {
            return parent != null && !Files.isDirectory(parent) ? "no such directory: " + Style.visible(parent.toString()) : "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied" + (parent != null && !Files.isWritable(parent) ? " (the folder " + Style.visible(parent.toString())
                    + " is not writable)" : "");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason(); // "No space left on device", "Read-only file system", "Is a directory"
        }
        String m = e.getMessage();
        if (m != null && m.contains("No space left on device")) {
            return "the disk is full (No space left on device)";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
