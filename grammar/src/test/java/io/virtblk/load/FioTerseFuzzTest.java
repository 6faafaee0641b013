package io.virtblk.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes, read as fio output (forced with {@code fio:}) and as whatever detection makes of
 * them, keep the loader's promises ({@link LoaderPromises}), starting from fio's terse lines
 * (versions 2 to 5: {@code 3;fio-3.33;job;...}, about 130 fields separated by {@code ;}).
 */
class FioTerseFuzzTest {

    @TempDir(factory = FuzzTempDir.class)
    Path dir;

    static Stream<Arguments> seeds() {
        return FuzzSeeds.of(FuzzSeeds.LINES_SEED_BYTES,
                FuzzSeeds.resources("hostile", n -> n.startsWith("terse")),
                FuzzSeeds.corpus("fio-3.33", n -> n.contains(".terse")));
    }

    @MethodSource("seeds")
    @FuzzTest
    void fioTerse(byte[] input) throws IOException {
        LoaderPromises.holdForcedAndDetected(dir, "fio-terse.txt", input, InputFormat.FIO_TEXT);
    }
}
