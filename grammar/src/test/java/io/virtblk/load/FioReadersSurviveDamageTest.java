package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.TestInputs;
import io.virtblk.event.Event;
import io.virtblk.input.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fio readers never throw on damaged input: the fio examples and hostile inputs, with a few
 * characters deleted, inserted, replaced or repeated at random (the characters fio's formats are
 * made of, CR included), must load with every line accounted for and every event and diagnostic
 * inside the file. Seeded; the seed and the damaged text are in the failure message. Replay with
 * {@code -Dvirtblk.seed=N}; run longer with {@code -Dvirtblk.damageRuns=N}.
 */
class FioReadersSurviveDamageTest {

    private static final String ALPHABET = "0123456789azAZ=,()/-;:\"{}[]%. \r\t|kKMm_>";

    @TempDir
    Path dir;

    @Test
    void damagedFioInputsLoadWithEveryLineAccountedFor() throws IOException {
        long seed = Long.getLong("virtblk.seed", 13);
        int runs = Integer.getInteger("virtblk.damageRuns", 1000);
        Path resources = TestInputs.root().resolve("grammar/src/test/resources");
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(resources.resolve("examples/fio")), Files.list(resources.resolve("hostile")))) {
            files.filter(p -> !p.toString().endsWith(".expected") && !p.toString().endsWith(".md")).sorted().forEach(inputs::add);
        }
        List<String> texts = new ArrayList<>();
        for (Path p : inputs) {
            texts.add(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        Random random = new Random(seed);
        for (int run = 0; run < runs; run++) {
            int which = random.nextInt(texts.size());
            String damaged = damage(texts.get(which), random);
            String name = "run" + run + "-" + inputs.get(which).getFileName();
            LoadedSource s;
            try {
                s = TestInputs.load(dir, name, damaged, null);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", run " + run + ", " + inputs.get(which).getFileName() + " damaged to:\n" + damaged, e);
            }
            String what = "seed " + seed + ", run " + run + ", " + inputs.get(which).getFileName();
            assertThat(s.accountedFor()).as("%s: typed %d + raw %d + structural %d = %d lines", what, s.typedLines(), s.rawLines(),
                    s.structuralLines(), s.lines()).isTrue();
            for (Event e : s.events()) {
                assertThat(e.at().line()).as(what).isBetween(1, s.lines());
                assertThat(e.at().endLine()).as(what).isBetween(e.at().line(), s.lines());
            }
            for (Diagnostic d : s.diagnostics()) {
                assertThat(d.line()).as(what + ": " + d).isBetween(1, Math.max(1, s.lines()));
                assertThat(d.column()).as(what + ": " + d).isNotNegative();
            }
        }
    }

    /** One to four edits at random places. */
    private static String damage(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = random.nextInt(sb.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, c);
                case 2 -> sb.setCharAt(at, c);
                case 3 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(40)));
                default -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + random.nextInt(30))));
            }
        }
        return sb.toString();
    }
}
