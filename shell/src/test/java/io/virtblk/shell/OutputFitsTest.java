package io.virtblk.shell;

import static io.virtblk.shell.BatchModeTest.run;
import static io.virtblk.shell.BatchModeTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.BatchModeTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14, point 18: columns stay aligned, the timeline fits the terminal, the pager counts screen rows, and blocks name their file. */
class OutputFitsTest {

    @TempDir
    Path dir;

    @Test
    void queryRowsStayAlignedWhenLineNumbersGrow() {
        Run r = run("-c", "query type:command OR type:section", sample());
        List<String> rows = r.out().lines().filter(l -> l.matches(java.util.regex.Pattern.quote(sample()) + ":\\d.*")).toList();
        assertThat(rows).hasSizeGreaterThan(3);
        // the type column starts at the same place on every row, whether the line number has one digit or three
        assertThat(rows.stream().map(l -> l.indexOf("  command") >= 0 ? l.indexOf("  command") : l.indexOf("  section")).distinct())
                .hasSize(1);
        assertThat(rows).anySatisfy(l -> assertThat(l).startsWith(sample() + ":1 "))
                .anySatisfy(l -> assertThat(l).matches(java.util.regex.Pattern.quote(sample()) + ":\\d{3} .*"));
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 60, 80, 120, 200})
    void theTimelineNeverOverflowsTheWidth(int width) {
        Run r = run("-c", "timeline 3 --width " + width, sample());
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().filter(l -> !l.startsWith("legend:") && !l.startsWith(sample() + ":") && !l.startsWith("  events")
                && !l.startsWith(sample())))
                .isNotEmpty().allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(width));
    }

    @Test
    void thePagerCountsWrappedRowsNotLines() {
        String twenty = (("x".repeat(250)) + "\n").repeat(20);
        assertThat(Pager.rows(twenty, 100)).isEqualTo(60);
        assertThat(Pager.rows("short\n\u001b[31mred\u001b[0m\n", 80)).isEqualTo(2);
        assertThat(Pager.rows("x".repeat(80) + "\n", 80)).isEqualTo(1);
    }

    @Test
    void withSeveralSourcesEachBlockNamesItsFileAndOnlyFilesWithTheRunAreListed() throws IOException {
        Path other = Files.writeString(dir.resolve("one-run.log"),
                "Nov 11 04:25:30 vm kernel: [100.000100] virtblkiosim: Device engage: private_data: virtblkiosim\n"
                        + "Nov 11 04:25:30 vm kernel: [100.000900] virtblkiosim: Device release: private_data: virtblkiosim\n");
        Run r = run("-c", "timeline 3", sample(), other.toString());
        assertThat(r.out()).contains(sample() + ":\nrun 3 STALLED").doesNotContain(other + ":\n");
        Run both = run("-c", "timeline 1", sample(), other.toString());
        assertThat(both.out()).contains(sample() + ":\nrun 1 ").contains(other + ":\nrun 1 ");
    }
}
