package io.virtblk.grammar.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtblk.TestInputs;
import io.virtblk.event.Event;
import io.virtblk.grammar.EventSink;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-read tracepoint bodies give the very events (and diagnostics) the grammar gives: the
 * same lines read by a reader with {@link FastBody} and by one without, compared whole — on the
 * block examples, samples/block, the shared captures and random bodies with their near misses.
 */
class FastBodyTest {

    /** Everything a reader said, in order, as text. */
    private static List<String> read(List<String> lines, boolean grammarOnly) {
        List<String> out = new ArrayList<>();
        BlockTraceReader r = new BlockTraceReader("t", new EventSink() {
            @Override
            public void event(Event e, int n) {
                out.add(n + " " + e);
            }

            @Override
            public void structural(int line) {
                out.add("structural " + line);
            }

            @Override
            public void diagnostic(Diagnostic d) {
                out.add("! " + d);
            }
        }, true, grammarOnly);
        int n = 0;
        for (String l : lines) {
            r.line(new Line(++n, l));
        }
        r.finish();
        return out;
    }

    private static void agree(List<String> lines) {
        List<String> fast = read(lines, false);
        List<String> grammar = read(lines, true);
        assertThat(fast).hasSameSizeAs(grammar);
        for (int i = 0; i < fast.size(); i++) {
            assertThat(fast.get(i)).isEqualTo(grammar.get(i));
        }
    }

    private static List<String> lines(Path dir) throws IOException {
        return TestInputs.linesUnder(dir, ".*(trace|ftrace|\\.txt).*");
    }

    @Test
    void readsTheExamplesAndSamplesAsTheGrammarDoes() throws IOException {
        List<String> all = lines(TestInputs.root().resolve("grammar/src/test/resources/examples/block"));
        all.addAll(lines(TestInputs.root().resolve("samples/block")));
        assertThat(all).hasSizeGreaterThan(19_000);
        agree(all);
        // and the hand reading is what takes them: nearly every body is one of its shapes
        long taken = all.stream().map(TracePrefix::of).filter(p -> p != null && p.body().startsWith("block_"))
                .filter(p -> FastBody.read(p.body().substring(p.body().indexOf(':') + 1)) != null).count();
        assertThat(taken).isGreaterThan(18_000);
    }

    @Test
    void readsTheSharedCapturesAsTheGrammarDoes() throws IOException {
        Path captures = TestInputs.corpus().resolve("block-captures");
        assumeTrue(Files.isDirectory(captures), "no captures at " + captures + " (set -Dvirtblk.corpus=DIR)");
        for (String name : List.of("healthy-loop-randrw", "stall-fuse-loop-qdepth4")) {
            agree(lines(captures.resolve(name)));
        }
    }

    @Test
    void readsRandomBodiesAndTheirNearMissesAsTheGrammarDoes() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        String[] names = {"block_bio_queue", "block_getrq", "block_rq_issue", "block_rq_insert", "block_rq_complete", "block_rq_error", "block_rq_requeue",
            "block_bio_backmerge", "block_split", "block_unplug"};
        String[] devs = {"7,0", "259,0", "8,16", "7", "7,", "12345,0", "a,0"};
        String[] rwbs = {"R", "WS", "FWFSM", "N", "", "R1", "r"};
        String[] bytes = {"", "4096 ", "0 ", "99999999999999999999 ", "x "};
        String[] cmds = {"", "() ", "(12 34) ", "( ) ", "(", "()"};
        String[] sectors = {"152128", "0", "18446744073709551615", "18446744073709551616", "99999999999999999999999", "1024 / 1280"};
        String[] counts = {"8", "0", "1234567890", "x"};
        String[] prios = {"", "be,0,4 ", "none,0,0 ", "0x2,0,4 ", "be,0 ", "BE,0,4 "};
        String[] whos = {"[fio]", "[0]", "[-5]", "[Chrome ChildIOT]", "[]", "[fio] 1", "[fio", "", "[a]b]", "<- (7,0) 4096"};
        String[] gaps = {" ", "  ", "\t"};
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String g = gaps[r.nextInt(10) == 0 ? r.nextInt(gaps.length) : 0];
            String body = devs[r.nextInt(10) == 0 ? r.nextInt(devs.length) : r.nextInt(3)] + g + rwbs[r.nextInt(rwbs.length)] + g
                    + bytes[r.nextInt(bytes.length)] + cmds[r.nextInt(cmds.length)] + sectors[r.nextInt(8) == 0 ? r.nextInt(sectors.length) : 0]
                    + (r.nextInt(10) == 0 ? "+" : " + ") + counts[r.nextInt(6) == 0 ? r.nextInt(counts.length) : 0] + g + prios[r.nextInt(prios.length)]
                    + whos[r.nextInt(whos.length)] + (r.nextInt(20) == 0 ? " " : "");
            made.add("             fio-2211    [001] .....   512." + String.format("%06d", i) + ": " + names[r.nextInt(names.length)] + ": " + body);
        }
        try {
            agree(made);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }
}
