package io.virtblk.load;

import io.virtblk.TestInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Where the fuzz targets start from: real inputs of their format, from the grammar's examples, the
 * hostile inputs, the samples and (when present) the shared corpus, which is read in place, never
 * copied. A seed runs as a case in every build and starts the fuzzer in a fuzzing run, so the
 * fuzzer mutates real structure instead of finding it byte by byte. Only the start of a big file
 * is a seed (cut at a line end): libFuzzer takes its largest seed as the size inputs may grow to,
 * and every execution of a big input is slow, so fewer inputs get tried.
 */
final class FuzzSeeds {

    /** How much of a file a line-oriented target's seed keeps. */
    static final int LINES_SEED_BYTES = 8 * 1024;

    private FuzzSeeds() {
    }

    /** Files under the grammar's test resources ({@code examples/fio}, {@code hostile}) whose names pass {@code name}. */
    static Stream<Path> resources(String dir, Predicate<String> name) {
        return files(TestInputs.root().resolve("grammar/src/test/resources").resolve(dir), name);
    }

    /** Files under the project's {@code samples}. */
    static Stream<Path> samples(Predicate<String> name) {
        return files(TestInputs.root().resolve("samples"), name);
    }

    /** Files under a folder of the shared corpus, none when the corpus is absent (the seeds of the project still run). */
    static Stream<Path> corpus(String dir, Predicate<String> name) {
        return files(TestInputs.corpus().resolve(dir), name);
    }

    /** Each file's first {@code maxBytes} (cut after a line end) as one argument of a fuzz target, named by its file for the report. */
    @SafeVarargs
    static Stream<Arguments> of(int maxBytes, Stream<Path>... sources) {
        return Stream.of(sources).flatMap(s -> s).map(p -> Arguments.of(Named.of(p.getFileName().toString(), start(LoaderPromises.bytesOf(p), maxBytes))));
    }

    /** A seed written in the test, for a format the project keeps no example file of. */
    static Arguments text(String name, String text) {
        return Arguments.of(Named.of(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static byte[] start(byte[] bytes, int maxBytes) {
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int end = maxBytes;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end > 0 ? end : maxBytes);
    }

    private static Stream<Path> files(Path dir, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> found = all.filter(Files::isRegularFile)
                    .filter(p -> name.test(p.getFileName().toString()))
                    .sorted().toList();
            return found.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
