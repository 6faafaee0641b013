package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in samples/ loads without a diagnostic and replays: a run per device session group
 * with its verdict, or (a log of no device sessions) no runs and the kernel's reports instead.
 */
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
            assertThat(r.out()).contains("0 diagnostics").contains("\"runs\"");
            String json = r.out().substring(r.out().indexOf('{'));
            var runs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("runs");
            if (runs.isEmpty()) {
                BatchModeTest.Run t = BatchModeTest.run("-c", "load " + f, "-c", "triage");
                assertThat(t.out()).as("a sample with no device sessions is there for its kernel reports").contains("kernel report");
            } else {
                assertThat(runs).allSatisfy(run -> assertThat(run.path("verdict").asText()).isNotEmpty());
            }
        }));
    }
}
