package io.virtblk.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes, read as fio's normal text output (forced with {@code fio:}) and as whatever detection
 * makes of them, keep the loader's promises ({@link LoaderPromises}). Seeds are fio 2.x and 3.x
 * reports, damaged ones included, and fio's stderr notices.
 */
class FioTextFuzzTest {

    @TempDir(factory = FuzzTempDir.class)
    Path dir;

    static Stream<Arguments> seeds() {
        return FuzzSeeds.of(FuzzSeeds.LINES_SEED_BYTES,
                FuzzSeeds.resources("examples/fio", n -> n.endsWith(".txt")),
                FuzzSeeds.resources("hostile", n -> n.startsWith("fio")),
                FuzzSeeds.corpus("fio-3.33", n -> n.endsWith(".normal.txt") || n.endsWith(".stderr")),
                FuzzSeeds.corpus("fio-public", n -> n.endsWith(".txt") && !n.contains("Json") || n.endsWith("fio.log")
                        || n.endsWith("fio_issue.log")));
    }

    @MethodSource("seeds")
    @FuzzTest
    void fioText(byte[] input) throws IOException {
        LoaderPromises.holdForcedAndDetected(dir, "fio.txt", input, InputFormat.FIO_TEXT);
    }
}
