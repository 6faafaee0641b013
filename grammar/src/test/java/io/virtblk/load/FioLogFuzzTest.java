package io.virtblk.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes, read as a fio log (forced with {@code fio-log:}) and as whatever detection makes of
 * them, keep the loader's promises ({@link LoaderPromises}): bandwidth, latency and IOPS sample
 * logs ({@code time, value, direction, block size[, offset[, priority]]}) and histogram logs (a
 * line of up to 1,859 bucket counts). The file is named as fio names a latency log.
 */
class FioLogFuzzTest {

    @TempDir(factory = FuzzTempDir.class)
    Path dir;

    static Stream<Arguments> seeds() {
        return Stream.concat(Stream.of(
                        FuzzSeeds.text("samples", "0, 210303, 0, 4096, 0\n1, 20, 1, 4096, 8192, 1\n\n2, 210000, 2, 4096\n"),
                        FuzzSeeds.text("histogram", "1000, 0, 4096" + ", 1".repeat(1216) + "\n")),
                FuzzSeeds.of(FuzzSeeds.LINES_SEED_BYTES,
                        FuzzSeeds.corpus("fio-3.33", n -> n.endsWith(".log")),
                        FuzzSeeds.corpus("fio-public", n -> n.contains("_hist."))));
    }

    @MethodSource("seeds")
    @FuzzTest
    void fioLog(byte[] input) throws IOException {
        LoaderPromises.holdForcedAndDetected(dir, "job_clat.1.log", input, InputFormat.FIO_LOG);
    }
}
