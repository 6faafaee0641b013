package io.virtblk.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes, read as a block-layer trace (forced with {@code block:}) and as whatever detection
 * makes of them, keep the loader's promises ({@link LoaderPromises}): ftrace text with its header,
 * trace-cmd report lines with an instance, the blk tracer's and blkparse's action lines, the hand
 * readers of the common shapes and the grammar behind them, and the pairing of their events into
 * requests (which covers no lines of its own).
 */
class BlockTraceFuzzTest {

    @TempDir(factory = FuzzTempDir.class)
    Path dir;

    static Stream<Arguments> seeds() {
        return Stream.concat(Stream.of(
                        FuzzSeeds.text("ftrace", "# tracer: nop\n#\n             fio-2211    [001] .....   512.100200: block_bio_queue: 259,0 W 4096 + 8 [fio]\n"
                                + "             fio-2211    [001] .....   512.100230: block_rq_issue: 259,0 W 4096 () 4096 + 8 be,0,4 [fio]\n"
                                + "          <idle>-0       [000] d.h1.   512.100410: block_rq_complete: 259,0 W () 4096 + 8 be,0,4 [0]\n"),
                        FuzzSeeds.text("blkparse", "  7,0    1  700.000700123  3300  Q   R 60000 + 8 [fio]\n  7,0    1  700.000800456  3300  D   R 60000 + 8 [fio]\n")),
                FuzzSeeds.of(FuzzSeeds.LINES_SEED_BYTES, FuzzSeeds.resources("examples/block", n -> n.endsWith(".txt"))));
    }

    @MethodSource("seeds")
    @FuzzTest
    void blockTrace(byte[] input) throws IOException {
        LoaderPromises.holdForcedAndDetected(dir, "trace.txt", input, InputFormat.BLOCK_TRACE);
    }
}
