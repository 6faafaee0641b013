package io.virtblk.grammar.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtblk.TestInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-read ftrace prefix may decline a line, but whatever it reads it must read exactly as
 * the patterns do: on every line of the block examples, of samples/block and of the shared
 * captures, and on random lines made of the shapes and their near misses (the seed is printed on
 * failure).
 */
class TracePrefixTest {

    private static int agree(List<String> lines, String what) {
        int taken = 0;
        for (String l : lines) {
            TracePrefix fast = TracePrefix.ftrace(l);
            if (fast != null) {
                taken++;
                assertThat(fast).as(what + ": " + l).isEqualTo(TracePrefix.matched(l));
            }
        }
        return taken;
    }

    private static List<String> lines(Path dir) throws IOException {
        return TestInputs.linesUnder(dir, ".*");
    }

    @Test
    void readsTheExamplesAndSamplesAsThePatternsDo() throws IOException {
        List<String> all = lines(TestInputs.root().resolve("grammar/src/test/resources/examples/block"));
        all.addAll(lines(TestInputs.root().resolve("samples/block")));
        assertThat(agree(all, "examples and samples")).as("nearly every trace line is read by hand").isGreaterThan(all.size() * 8 / 10);
    }

    @Test
    void readsTheSharedCapturesAsThePatternsDo() throws IOException {
        Path captures = TestInputs.corpus().resolve("block-captures");
        assumeTrue(Files.isDirectory(captures), "no captures at " + captures + " (set -Dvirtblk.corpus=DIR)");
        List<String> all = lines(captures);
        assertThat(all).hasSizeGreaterThan(500_000);
        assertThat(agree(all, "captures")).isGreaterThan(400_000);
    }

    @Test
    void readsRandomLinesAndTheirNearMissesAsThePatternsDo() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        String[] tasks = {"fio", "kworker/u8:2", "Chrome ChildIOT", "<idle>", "jbd2/loop0-8", "a-b-c", "x", "sh:1", "cap: fio", " ", "[x]"};
        String[] instances = {"", "capevents: ", "blk.cap-1:  ", "bad name: ", ":", "x:"};
        String[] flags = {"", ".....", "d..1.", "d.h1", "...", "dNs2.", "1234", "......"};
        String[] bodies = {"block_rq_issue: 7,0 R 4096 () 152128 + 8 be,0,4 [fio]", "  7,0    Q  WS 55296 + 8 [fio]", "", "x", "sched_switch: a"};
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String instance = instances[r.nextInt(instances.length)];
            String lead = " ".repeat(r.nextInt(3));
            String pid = r.nextInt(10) == 0 ? "" : Integer.toString(r.nextInt(100_000));
            String tgid = r.nextInt(8) == 0 ? "(  " + r.nextInt(9999) + ") " : "";
            String cpu = r.nextInt(12) == 0 ? "x" : String.format("%03d", r.nextInt(128));
            String gap = r.nextInt(10) == 0 ? "\t" : " ".repeat(1 + r.nextInt(4));
            String time = r.nextInt(10) == 0 ? "12" : r.nextInt(100_000) + "." + String.format("%06d", r.nextInt(1_000_000));
            String colon = r.nextInt(12) == 0 ? "" : ":";
            made.add(instance + lead + tasks[r.nextInt(tasks.length)] + "-" + pid + gap + tgid + "[" + cpu + "]" + " " + flags[r.nextInt(flags.length)]
                    + " ".repeat(1 + r.nextInt(3)) + time + colon + " ".repeat(r.nextInt(3)) + bodies[r.nextInt(bodies.length)]);
        }
        assertThat(agree(made, "random lines, seed " + seed)).as("seed " + seed).isGreaterThan(5_000);
    }
}
