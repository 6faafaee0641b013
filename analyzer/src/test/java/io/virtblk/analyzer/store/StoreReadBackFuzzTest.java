package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.virtblk.input.Line;
import io.virtblk.input.LineReader;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes loaded into the store come back as the file has them: every hit, in input order, shows
 * its line exactly as the file holds it — read back by byte offset from the file (or the spool of
 * a file that cannot be read so: CR line ends, UTF-16), or kept with the event when it spans lines
 * (then starting with its first line). The readers' own promises are fuzzed in the grammar module;
 * this is the store's half: offsets, the spool, the line window, the stored text.
 *
 * <p>The first byte of an input picks how it is loaded (detected, or forced as one of the formats),
 * the rest is the file.
 */
class StoreReadBackFuzzTest {

    private static final String[] FORMATS = {"", "kernel:", "fio:", "transcript:", "fio-log:"};
    private static final int SEED_BYTES = 8 * 1024;

    @TempDir
    Path dir;

    static Stream<Arguments> seeds() throws IOException {
        Path samples = Path.of(System.getProperty("virtblk.root", ".."), "samples");
        List<Arguments> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(samples)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) { // samples/drivers/ holds driver files, not inputs
                byte[] text = Files.readAllBytes(f);
                byte[] seed = new byte[Math.min(text.length, SEED_BYTES) + 1];
                System.arraycopy(text, 0, seed, 1, seed.length - 1); // first byte 0: the format is detected
                seeds.add(Arguments.of(Named.of(f.getFileName().toString(), seed)));
            }
        }
        return seeds.stream();
    }

    @MethodSource("seeds")
    @FuzzTest
    void readBack(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = dir.resolve("input.log");
        Files.write(file, Arrays.copyOfRange(input, 1, input.length));
        String format = FORMATS[(input[0] & 0xff) % FORMATS.length];
        try (EventStore store = new EventStore(null, new SourceLoader(2016))) {
            try {
                store.load(format + file);
            } catch (IOException e) {
                // refused as a whole, as only these may be: not text (when no format is forced), a gzip header cut short
                if (!(e instanceof SourceLoader.NotText && format.isEmpty()) && !String.valueOf(e.getMessage()).contains("not a complete gzip file")) {
                    throw e;
                }
                return;
            }
            List<String> lines = linesOf(file);
            List<Hit> hits = new ArrayList<>();
            store.forEachHit("*", hits::add);
            int last = 0;
            for (Hit h : hits) {
                assertThat(h.line()).as("%s in input order", h).isBetween(Math.max(1, last), lines.size());
                last = h.line();
                String first = h.raw().split("\n", -1)[0];
                if (h.endLine() == h.line() ? !h.raw().equals(lines.get(h.line() - 1)) : !first.equals(lines.get(h.line() - 1))) {
                    assertThat(h.raw()).as("line %d as the store shows it (%s)", h.line(), h.type()).isEqualTo(lines.get(h.line() - 1));
                }
            }
        }
    }

    /** The file's lines, read as the loader reads them. */
    private static List<String> linesOf(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader in = LineReader.open(file.toString(), file, new ArrayList<>())) {
            for (Line l; (l = in.next()) != null; ) {
                lines.add(l.text());
            }
        }
        return lines;
    }
}
