package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file in samples/ loads without a diagnostic and replays. */
class SamplesTest {

    @TestFactory
    Stream<DynamicTest> everySampleLoadsAndReplays() throws IOException {
        Path samples = Path.of(System.getProperty("virtblk.root", ".."), "samples");
        List<Path> files;
        try (Stream<Path> s = Files.list(samples)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            BatchModeTest.Run r = BatchModeTest.run("-c", "load " + f, "-c", "replay --json");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("0 diagnostics").contains("\"runs\"").contains("\"verdict\"");
        }));
    }
}
