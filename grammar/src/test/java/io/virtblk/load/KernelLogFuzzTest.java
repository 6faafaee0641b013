package io.virtblk.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes, read as a kernel log (forced with {@code kernel:}) and as whatever detection makes
 * of them, keep the loader's promises ({@link LoaderPromises}). Replays the seeds and the kept
 * inputs in {@code KernelLogFuzzTestInputs/kernelLog/} in every build; fuzzes with
 * {@code JAZZER_FUZZ=1} (see docs/RELIABILITY.md).
 */
class KernelLogFuzzTest {

    @TempDir(factory = FuzzTempDir.class)
    Path dir;

    static Stream<Arguments> seeds() {
        return FuzzSeeds.of(FuzzSeeds.LINES_SEED_BYTES,
                FuzzSeeds.resources("examples/kernel", n -> n.endsWith(".txt")),
                FuzzSeeds.resources("reports", n -> n.endsWith(".log")),
                FuzzSeeds.samples(n -> n.endsWith(".log")),
                FuzzSeeds.corpus("kernel-public", n -> !n.endsWith(".md") && !n.endsWith(".yaml")),
                FuzzSeeds.corpus("kernel-syzkaller", n -> !n.endsWith(".md")));
    }

    @MethodSource("seeds")
    @FuzzTest
    void kernelLog(byte[] input) throws IOException {
        LoaderPromises.holdForcedAndDetected(dir, "kern.log", input, InputFormat.KERNEL_LOG);
    }
}
