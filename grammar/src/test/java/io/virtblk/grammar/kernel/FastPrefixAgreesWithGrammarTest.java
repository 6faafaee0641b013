package io.virtblk.grammar.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtblk.TestInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast path in front of the kernel-line grammar may decline a line, but whatever it
 * accepts it must split exactly as {@link KernelLineParser} does. Checked on every line of the
 * corpus and the examples, and on random lines (the seed is printed on failure).
 */
class FastPrefixAgreesWithGrammarTest {

    @Test
    void agreesOnEveryLineOfTheExamplesAndSamples() throws IOException {
        List<String> lines = linesUnder(TestInputs.root().resolve("grammar/src/test/resources/examples"));
        lines.addAll(linesUnder(TestInputs.root().resolve("samples")));
        assertThat(lines).hasSizeGreaterThan(200);
        assertThat(check(lines, "examples and samples")).isGreaterThan(80);
    }

    @Test
    void agreesOnEveryLineOfTheCorpus() throws IOException {
        Path corpus = TestInputs.corpus();
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus + " (set -Dvirtblk.corpus=DIR)");
        List<String> lines = linesUnder(corpus);
        assertThat(lines).hasSizeGreaterThan(10_000);
        assertThat(check(lines, "corpus")).isGreaterThan(5_000);
    }

    private static List<String> linesUnder(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String l : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\r?\n")) {
                    lines.add(l);
                }
            }
        }
        return lines;
    }

    @Test
    void agreesOnRandomLinesAndTakesNearlyAllOfTheCommonShapes() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        List<String> common = new ArrayList<>();
        List<String> odd = new ArrayList<>();
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        String[] hosts = {"vm", "<vmhostname>", "host-1.example", "a"};
        String[] tags = {"kernel", "systemd[1]", "sshd[4242]", "kernel"};
        String[] messages = {"virtblkiosim: Device engage: private_data: virtblkiosim", "usb 1-1: new device", "", " two blanks",
            "[UFW BLOCK] IN=ens3", "x"};
        for (int i = 0; i < 20_000; i++) {
            String month = months[r.nextInt(12)];
            int day = 1 + r.nextInt(28);
            String dayText = r.nextBoolean() ? String.format("%2d", day) : Integer.toString(day);
            String clock = String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
            String mono = "[" + " ".repeat(r.nextInt(6)) + r.nextInt(200000) + "." + String.format("%0" + (1 + r.nextInt(6)) + "d", r.nextInt(10)) + "]";
            String msg = messages[r.nextInt(messages.length)];
            common.add(month + " " + dayText + " " + clock + " " + hosts[r.nextInt(hosts.length)] + " " + tags[r.nextInt(tags.length)]
                    + ": " + mono + " " + msg);
            common.add(mono + " " + msg);
            // shapes the fast path should leave to the grammar, or get exactly right
            odd.add(month + " " + dayText + " " + clock + ".123456 vm kernel: " + msg);
            odd.add(mono + "[    C" + r.nextInt(8) + "] " + msg);
            odd.add(month + " " + dayText + " " + clock + "  vm   kernel:" + mono + msg);
            odd.add(month + " " + dayText + " " + clock + " vm kern.err kernel: " + mono + " " + msg);
            odd.add("[" + r.nextInt(100) + "] " + msg);
            odd.add("[ " + r.nextInt(100) + ".] " + msg);
            odd.add(month + " 31 " + clock + " vm kernel: " + msg);
            odd.add(month + " " + dayText + " 24:61:00 vm kernel: " + msg);
            odd.add(month + " " + dayText + " " + clock + " vm kernel " + msg);
            odd.add(month.toUpperCase() + " " + dayText + " " + clock + " vm kernel: " + msg);
        }
        int taken = check(common, "random common lines, seed " + seed);
        assertThat(taken).as("fast path takes the common shapes, seed %d", seed).isEqualTo(common.size());
        check(odd, "random odd lines, seed " + seed);
    }

    /** Returns how many lines the fast path accepted; fails on the first disagreement. */
    private static int check(List<String> lines, String what) {
        FastPrefix fast = new FastPrefix();
        KernelLineGrammar grammar = new KernelLineGrammar();
        int accepted = 0;
        for (String line : lines) {
            ParsedLine f = fast.parse(line, 2016);
            if (f == null) {
                continue;
            }
            accepted++;
            ParsedLine g = grammar.parseWithGrammar(line, 2016);
            assertThat(f).as("%s: %s", what, line).isEqualTo(g);
        }
        return accepted;
    }
}
