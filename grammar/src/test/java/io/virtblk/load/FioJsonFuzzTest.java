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
 * them, keep the loader's promises ({@link LoaderPromises}), starting from fio's JSON and JSON+
 * documents: the fio reader reads a document from a line that is only {@code {} to one that is
 * only {@code }}, so the seeds are whole documents (up to 32 KiB), normal output with JSON after
 * it included.
 */
class FioJsonFuzzTest {

    /** A JSON document cut short is a different input (one the hostile seeds have); keep the seeds whole. */
    private static final int JSON_SEED_BYTES = 32 * 1024;

    @TempDir(factory = FuzzTempDir.class)
    Path dir;

    static Stream<Arguments> seeds() {
        return FuzzSeeds.of(JSON_SEED_BYTES,
                FuzzSeeds.resources("hostile", n -> n.endsWith(".json")),
                FuzzSeeds.corpus("fio-3.33", n -> n.endsWith(".json") || n.endsWith(".normal_json.txt")),
                FuzzSeeds.corpus("fio-public", n -> n.endsWith(".json") || n.contains("Json")));
    }

    @MethodSource("seeds")
    @FuzzTest
    void fioJson(byte[] input) throws IOException {
        LoaderPromises.holdForcedAndDetected(dir, "fio.json", input, InputFormat.FIO_TEXT);
    }
}
