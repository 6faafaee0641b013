package io.virtblk.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes, read as a shell transcript (forced with {@code transcript:}) and as whatever
 * detection makes of them, keep the loader's promises ({@link LoaderPromises}); a transcript hands
 * its blocks to the fio and kernel readers, so this also fuzzes them behind a {@code $ } line.
 */
class TranscriptFuzzTest {

    @TempDir(factory = FuzzTempDir.class)
    Path dir;

    static Stream<Arguments> seeds() {
        return FuzzSeeds.of(FuzzSeeds.LINES_SEED_BYTES,
                FuzzSeeds.resources("examples/transcript", n -> n.endsWith(".txt")),
                FuzzSeeds.samples(n -> n.endsWith(".txt")),
                FuzzSeeds.corpus("kernel-public", n -> n.contains("test-ioctl-running")),
                FuzzSeeds.corpus("fio-public", n -> n.contains("test-iofio-running")));
    }

    @MethodSource("seeds")
    @FuzzTest
    void transcript(byte[] input) throws IOException {
        LoaderPromises.holdForcedAndDetected(dir, "session.txt", input, InputFormat.TRANSCRIPT);
    }
}
