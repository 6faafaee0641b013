package io.virtblk.shell;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared corpus of real inputs ({@code ../shared/corpus}), read where it lies and never copied
 * into the project: {@code -Dvirtblk.corpus=DIR} names another place. A test whose corpus is absent
 * is skipped, saying where it looked, rather than failing on a machine without it.
 */
public final class Corpus {

    private Corpus() {
    }

    /** A file or folder of the corpus, by its path inside it. */
    public static Path of(String file) {
        Path c = Path.of(System.getProperty("virtblk.corpus", "../../shared/corpus"));
        assumeTrue(Files.isDirectory(c), "no corpus at " + c);
        return c.resolve(file);
    }
}
