package io.virtblk.shell;

import static io.virtblk.shell.BatchModeTest.runCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.BatchModeTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, point 19: check's default is a summary (runs per verdict, every run that did not complete in full); --verbose prints every run. */
class CheckSummaryTest {

    @TempDir
    Path dir;

    /** {@code runs} healthy runs of one session each, two seconds apart (the replay's gap between runs is one). */
    private Path healthy(int runs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            int s = 60000 + 2 * i;
            String wall = String.format("Nov 11 %02d:%02d:%02d", 4 + s / 3600 % 24 - 16, s / 60 % 60, s % 60);
            sb.append(wall).append(" vm kernel: [").append(s).append(".000100] virtblkiosim: Device engage: private_data: virtblkiosim\n");
            sb.append(wall).append(" vm kernel: [").append(s).append(".000900] virtblkiosim: Device release: private_data: virtblkiosim\n");
        }
        return Files.writeString(dir.resolve("healthy.log"), sb.toString());
    }

    @Test
    void aHealthyLogWithManyRunsIsAFewLines() throws IOException {
        Path log = healthy(500);
        Run r = runCheck(log.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith(log + ": 500 runs: 500 completed\n").contains("every run completed (check --verbose prints each)");
        assertThat(r.out().lines().count()).as("lines printed for 500 healthy runs").isLessThan(20);
        Run verbose = runCheck("--verbose", log.toString());
        assertThat(verbose.code()).isZero();
        assertThat(verbose.out()).contains("run 500: COMPLETED").contains("run 1: COMPLETED");
        assertThat(verbose.out().lines().count()).isGreaterThan(1000);
    }

    @Test
    void aStalledRunIsPrintedInFullAndTheCompletedOnesCounted() {
        Run r = runCheck(BatchModeTest.sample());
        assertThat(r.code()).isEqualTo(Main.STALLED);
        assertThat(r.out()).startsWith(BatchModeTest.sample() + ": 3 runs: 2 completed, 1 stalled\n")
                .contains("run 3 ($ sudo fio virtblkiofio-02-both.fio): STALLED").contains("stall point: ")
                .doesNotContain("run 1 (").doesNotContain("run 2 (");
    }
}
