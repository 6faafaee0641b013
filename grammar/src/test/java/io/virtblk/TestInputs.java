package io.virtblk;

import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the project's samples and the shared corpus, and a shortcut to load text. */
public final class TestInputs {

    private TestInputs() {
    }

    /** The project root (Maven passes it; a run from an IDE falls back to the working directory's parent). */
    public static Path root() {
        String p = System.getProperty("virtblk.root");
        if (p != null) {
            return Path.of(p);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("samples")) ? here : here.getParent();
    }

    public static Path sample(String name) {
        return root().resolve("samples").resolve(name);
    }

    /** The shared corpus of real inputs, given by -Dvirtblk.corpus=DIR (the build sets it to ../shared/corpus). */
    public static Path corpus() {
        String p = System.getProperty("virtblk.corpus");
        return p == null ? root().resolve("../shared/corpus").normalize() : Path.of(p).normalize();
    }

    /** Writes {@code text} to {@code dir/name} and loads it with the given {@code format:} prefix (or none). */
    public static LoadedSource load(Path dir, String name, String text, String format) {
        try {
            Path f = dir.resolve(name);
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return new SourceLoader().load(format == null ? f.toString() : format + ":" + f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoadedSource load(Path file) {
        try {
            return new SourceLoader().load(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of the files under {@code dir} whose name matches {@code names}, gzip or not, in path order. */
    public static java.util.List<String> linesUnder(Path dir, String names) throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches(names)).sorted().toList()) {
                try (java.io.InputStream in = f.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(Files.newInputStream(f))
                        : Files.newInputStream(f)) {
                    for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                        out.add(l);
                    }
                }
            }
        }
        return out;
    }
}
