package io.virtblk.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A fuzz target's temporary directory, in memory ({@code /dev/shm}) where there is one: a fuzz
 * target writes its input to a file on every execution, and on this machine's ext4 disk writing
 * over a small file costs about 1.5 ms, against 0.05 ms in tmpfs — most of an execution.
 */
public final class FuzzTempDir implements TempDirFactory {

    private static final Path MEMORY = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        if (Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)) {
            return Files.createTempDirectory(MEMORY, "virtblk-fuzz-");
        }
        return Files.createTempDirectory("virtblk-fuzz-");
    }
}
