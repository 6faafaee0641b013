package io.virtblk.shell;

import static io.virtblk.shell.BatchModeTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.BatchModeTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, point 9: times are shown as precisely as the log wrote them, on the clock they are on, gaps included. */
class TimesShownTest {

    @TempDir
    Path dir;

    private Path rfc3339() throws IOException {
        return Files.writeString(dir.resolve("r.log"), "2016-11-11T04:25:30.455932+00:00 vm kernel: [67315.455932] usb 1-1: hello\n"
                + "2016-11-11T04:28:30.455999+00:00 vm kernel: [67495.455999] usb 1-1: later\n");
    }

    @Test
    void microsecondsAreKept() throws IOException {
        Run r = run("-c", "query * --json", "-c", "set timezone UTC", "-c", "query *", rfc3339().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"time\" : \"2016-11-11T04:25:30.455932\"").contains("\"time\" : \"2016-11-11T04:28:30.455999\"")
                .contains("(2016-11-11T04:25:30.455932Z)");
    }

    @Test
    void aTimelineOnTheWallClockShowsWallClockTimesNotEpochSecondsInBrackets() throws IOException {
        Path log = Files.writeString(dir.resolve("j.log"),
                "Nov 11 04:25:30.455932 vm kernel: virtblkiosim: Device engage: private_data: virtblkiosim\n"
                        + "Nov 11 04:25:30.456100 vm kernel: virtblkiosim: Device release: private_data: virtblkiosim\n");
        Run r = run("-c", "timeline 1", "-c", "sessions 1", "kernel:" + log);
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("run 1 COMPLETED  \\d{4}-11-11T04:25:30\\.455932 \\.\\. \\d{4}-11-11T04:25:30\\.456100  ")
                .containsPattern("1 setup +1 \\d{4}-11-11T04:25:30\\.455932 +2 \\d{4}-11-11T04:25:30\\.456100 ")
                .doesNotContain("[14"); // epoch seconds (1.4e9 .. 1.8e9) never appear as an uptime
        Run kernel = run("-c", "timeline 3", BatchModeTest.sample());
        assertThat(kernel.out()).contains("run 3 STALLED  [68516.021202 .. 68516.515620]"); // a kernel's stamps stay in brackets
    }

    @Test
    void aTimeHistogramShowsEmptyBucketsAndTheChosenZone() throws IOException {
        Run r = run("-c", "stats * --histogram time --interval 1m", rfc3339().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsSubsequence("2016-11-11T04:25 ", " 1 #", "2016-11-11T04:26 ", " 0", "2016-11-11T04:27 ", " 0",
                "2016-11-11T04:28 ", " 1 #").contains("(2 of 4 buckets empty)");
        Run zoned = run("-c", "set timezone Asia/Kolkata", "-c", "stats * --histogram time --interval 1h", "-c",
                "stats * --histogram time --interval 1m --json", rfc3339().toString());
        // 04:25 UTC is 09:55 in India (+05:30): the hour bucket is India's 09:00, not UTC's 04:00 shown shifted to 09:30
        assertThat(zoned.out()).contains("2016-11-11T09:00+05:30").doesNotContain("09:30+05:30")
                .contains("\"2016-11-11T09:56+05:30\" : 0");
    }
}
