package io.virtblk.shell;

import static io.virtblk.shell.BatchModeTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.BatchModeTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 17: a row of query/events for a structured event is a summary of it — a fio
 * JSON result as job, direction, IOPS, bandwidth and p99, a terse result on one line, a log sample
 * as t=, value and direction, a histogram-log line as its percentiles — never "{ [+1005 lines]" or
 * a row of raw numbers.
 */
class RowSummaryTest {

    @TempDir
    Path dir;

    private static List<String> rows(Run r, String type) {
        return r.out().lines().filter(l -> l.matches(".*:\\d+(-\\d+)?\\s+" + type + "\\b.*")).toList();
    }

    @Test
    void aJsonResultIsItsJobDirectionIopsBandwidthAndP99() {
        Path json = Corpus.of("fio-3.33/s01_randread_libaio/s01_randread_libaio.json");
        Run r = run("-c", "query type:fio_result", json.toString());
        List<String> rows = rows(r, "fio_result");
        assertThat(rows).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("{").doesNotContain("+").containsPattern(
                "job=\\S+ dir=read iops=\\d+(\\.\\d+)?k? bw=\\d+(\\.\\d+)?[KMG]iB/s p99=\\d+(ns|us|ms)").contains(" lines]"));
    }

    @Test
    void aTerseResultIsOneReadableLine() {
        Path terse = Corpus.of("fio-3.33/s01_randread_libaio/s01_randread_libaio.terse.txt");
        Run r = run("-c", "query type:fio_result", terse.toString());
        assertThat(rows(r, "fio_result")).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(";").contains("job=").contains("iops="));
    }

    @Test
    void aLogSampleIsItsTimeValueAndDirection() throws IOException {
        Path log = Files.writeString(dir.resolve("job_clat.1.log"), "0, 158657, 0, 4096, 0\n2, 219268, 1, 4096, 0\n");
        Run r = run("-c", "query type:fio_sample", log.toString());
        assertThat(rows(r, "fio_sample")).containsExactly(
                log + ":1  fio_sample     t=0ms clat=158.66us dir=read bs=4096",
                log + ":2  fio_sample     t=2ms clat=219.27us dir=write bs=4096");
    }

    @Test
    void aHistogramLogLineIsItsPercentiles() {
        Path hist = Corpus.of("fio-public/PerfKitBenchmarker__pkb_fio_avg_1506559526.49_clat_hist.1.log");
        Run r = run("-c", "query type:fio_hist --limit 3", hist.toString());
        assertThat(rows(r, "fio_hist")).hasSize(3).allSatisfy(l -> assertThat(l)
                .containsPattern("t=\\d+ms samples=\\d+ p50=\\d+(ns|us|ms) p99=\\d+(ns|us|ms) max=\\d+(ns|us|ms)$").doesNotContain(", "));
    }

    @Test
    void aLineOfFiosReportStaysAsWritten() {
        Run r = run("-c", "query type:fio_result --limit 1", BatchModeTest.sample());
        assertThat(rows(r, "fio_result")).singleElement().satisfies(l -> assertThat(l).contains("virtblkiofio-00-read: (groupid=0, jobs=1): err= 0:").endsWith("[+18 lines]"));
    }
}
