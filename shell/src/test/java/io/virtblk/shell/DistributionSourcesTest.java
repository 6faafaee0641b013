package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Where a latency distribution comes from, and what it must not claim (issue 14, point 7). The
 * most exact source wins (JSON+ bins, a per-I/O log, a histogram log, fio's latency buckets, the
 * percentiles fio printed), the output names it, and a log of averaged windows is never read as
 * I/Os.
 */
class DistributionSourcesTest {

    private static String resource(String name) {
        return Path.of(System.getProperty("virtblk.root", ".."), "shell/src/test/resources/fio", name).toString();
    }

    private static String corpus(String file) {
        return Corpus.of(file).toString();
    }

    /** The sample prints 'lat (usec) : 250=0.22%, 500=98.68%, 750=1.01%, 1000=0.05%': fio's own buckets beat its percentiles. */
    @Test
    void fiosLatencyBucketsAreUsedBeforeItsPercentiles() throws IOException {
        BatchModeTest.Run plot = BatchModeTest.run("-c", "histogram virtblkiofio-00-read", BatchModeTest.sample());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(plot.out()).contains("from fio's latency buckets").containsPattern("250us \\.\\. 500us\\s+98\\.68%")
                .containsPattern("750us \\.\\. 1000us\\s+0\\.05%").doesNotContain("<= 512.00us");
        BatchModeTest.Run lat = BatchModeTest.run("-c", "latency virtblkiofio-00-read", BatchModeTest.sample());
        assertThat(lat.out()).contains("from fio's latency buckets").contains("printed: p1=330us").contains("p99=510us")
                .contains("p50 in 250us..500us").contains("p99.9 in 500us..750us");
        JsonNode j = JobsTableTest.json(BatchModeTest.run("-c", "latency virtblkiofio-00-read --json", BatchModeTest.sample())).get(0);
        assertThat(j.get("basis").asText()).isEqualTo("latency_buckets");
        assertThat(j.get("buckets")).anySatisfy(b -> {
            assertThat(b.get("from_us").asDouble()).isEqualTo(250.0);
            assertThat(b.get("to_us").asDouble()).isEqualTo(500.0);
            assertThat(b.get("percent").asDouble()).isEqualTo(98.68);
        });
        assertThat(j.get("percentile_ranges_us").get("50")).extracting(JsonNode::asDouble).containsExactly(250.0, 500.0);
    }

    /** A report pasted without its 'lat' lines: only percentiles; nothing may be drawn above the last one fio printed. */
    @Test
    void printedPercentilesShowNoTailFioDidNotPrint() throws IOException {
        BatchModeTest.Run plot = BatchModeTest.run("-c", "histogram virtblkiofio-00-read", resource("percentiles_without_buckets.txt"));
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(plot.out()).contains("from the percentiles fio printed").containsPattern("338us \\.\\. 342us\\s+40\\.00%")
                .containsPattern("> 820us\\s+0\\.01%\\s+not printed").doesNotContain("1.02ms").doesNotContain("<= 1024");
        BatchModeTest.Run lat = BatchModeTest.run("-c", "latency virtblkiofio-00-read --percentiles", resource("percentiles_without_buckets.txt"));
        assertThat(lat.out()).contains("from the percentiles fio printed").contains("above p99.99 (0.01% of I/Os) fio printed nothing")
                .doesNotContain("p99.999=");
        JsonNode j = JobsTableTest.json(BatchModeTest.run("-c", "latency virtblkiofio-00-read --json", resource("percentiles_without_buckets.txt")))
                .get(0);
        assertThat(j.get("basis").asText()).isEqualTo("printed_percentiles");
        assertThat(j.has("percentiles_us")).isFalse();
    }

    /**
     * fio 3.33's {@code avg_clat.2.log} (log_avg_msec=100): 31 samples, each the mean of a 100 ms
     * window of some 5,000 I/Os. Read as I/Os they made "31 I/Os" and a p99 of the window means.
     */
    @Test
    void averagedSamplesAreRefusedAsIosAndShownOverTime() throws IOException {
        String log = corpus("fio-3.33/s09_logs/logs/avg_clat.2.log");
        BatchModeTest.Run lat = BatchModeTest.run("-c", "latency avg --percentiles", log);
        assertThat(lat.code()).as(lat.err()).isZero();
        assertThat(lat.out()).contains("31 samples are averages, not I/Os").contains("one sample per direction every 100 ms")
                .contains("inferred").contains("block size 0").contains("per-I/O percentiles cannot be computed")
                .contains("0.1s").contains("71.87us").doesNotContain("31 I/Os").doesNotContain("p99=");
        BatchModeTest.Run plot = BatchModeTest.run("-c", "histogram avg", log);
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(plot.out()).contains("averages, not I/Os").contains("0.1s").contains("#").doesNotContain("<= ");
        JsonNode j = JobsTableTest.json(BatchModeTest.run("-c", "latency avg --json", log)).get(0);
        assertThat(j.get("basis").asText()).isEqualTo("none");
        assertThat(j.has("percentiles_us")).isFalse();
        JsonNode avg = j.get("averaged_logs").get(0);
        assertThat(avg.get("samples").asInt()).isEqualTo(31);
        assertThat(avg.get("interval_ms").asInt()).isEqualTo(100);
        assertThat(avg.get("inferred").asBoolean()).isTrue();
        assertThat(avg.get("over_time").get(0).get("time_ms").asLong()).isEqualTo(100);
        assertThat(avg.get("over_time").get(0).get("avg_us").asDouble()).isEqualTo(71.872);
    }

    /**
     * fio 2 closed a window at the first I/O after it passed, so its averaged samples come at
     * uneven times (101, 202, 304 ms): still averages by their block size of 0, the window only
     * approximate. A log with the I/O's block size on each line is one sample per I/O.
     */
    @Test
    void unevenWindowsAreAveragesAndBlockSizesMakeAPerIoLog(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path avg = dir.resolve("old_clat.1.log");
        java.nio.file.Files.writeString(avg, "101, 212, 0, 0\n202, 198, 0, 0\n304, 251, 0, 0\n405, 187, 0, 0\n506, 233, 0, 0\n");
        BatchModeTest.Run r = BatchModeTest.run("-c", "latency old", avg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("5 samples are averages, not I/Os: about one sample per direction every 101 ms")
                .contains("every sample has block size 0").doesNotContain("p99");
        Path perIo = dir.resolve("new_clat.1.log");
        java.nio.file.Files.writeString(perIo, "100, 212000, 0, 4096\n200, 198000, 0, 4096\n300, 251000, 0, 4096\n");
        BatchModeTest.Run p = BatchModeTest.run("-c", "latency new", perIo.toString());
        assertThat(p.out()).contains("from samples of the fio log 'new'").contains("3 I/Os").contains("p99=251us")
                .contains("values read as nanoseconds").doesNotContain("averages");
    }

    /**
     * With the run's JSON loaded the logs find their jobs through the job options (write_lat_log,
     * log_avg_msec): perio-logs' per-I/O log gives its distribution, avg-logs' averaged log is
     * shown beside fio's own numbers, stated rather than inferred.
     */
    @Test
    void logsFindTheirJobThroughItsOptions() throws IOException {
        String json = corpus("fio-3.33/s09_logs/s09_logs.json");
        String perio = corpus("fio-3.33/s09_logs/logs/perio_clat.1.log");
        String avg = corpus("fio-3.33/s09_logs/logs/avg_clat.2.log");
        BatchModeTest.Run per = BatchModeTest.run("-c", "latency perio-logs --dir read", json, perio, avg);
        assertThat(per.code()).as(per.err()).isZero();
        assertThat(per.out()).contains("from samples of the fio log 'perio'").contains("707 I/Os");
        BatchModeTest.Run averaged = BatchModeTest.run("-c", "latency avg-logs", json, perio, avg);
        assertThat(averaged.out()).contains("from fio's latency buckets").contains("printed: ").contains("averages, not I/Os")
                .contains("log_avg_msec=100 in the job's options").doesNotContain("inferred");
        // JSON+ bins stay first, whatever logs there are
        BatchModeTest.Run bins = BatchModeTest.run("-c", "latency perio-logs --dir read", corpus("fio-3.33/s09_logs/s09_logs.jsonplus.json"), perio);
        assertThat(bins.out()).contains("from JSON+ latency bins");
    }

    /**
     * PerfKitBenchmarker's fio 2.17 run with write_hist_log: the histogram log's buckets, summed,
     * beat fio's buckets and percentiles. The corpus prefixes the file's name with its repository;
     * a link under the name fio gave it lets the job's option find it.
     */
    @Test
    void aHistogramLogGivesTheDistributionOfItsJob(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String json = corpus("fio-public/PerfKitBenchmarker__pkb-7fb0c9d8-0_fio.json");
        String hist = java.nio.file.Files.createSymbolicLink(dir.resolve("pkb_fio_avg_1506559526.49_clat_hist.1.log"),
                Corpus.of("fio-public/PerfKitBenchmarker__pkb_fio_avg_1506559526.49_clat_hist.1.log").toAbsolutePath()).toString();
        BatchModeTest.Run r = BatchModeTest.run("-c", "latency rand_16k_read_100%-io-depth-1-num-jobs-2", json, hist);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("from the fio histogram log 'pkb_fio_avg_1506559526.49'").contains("39,663 I/Os in 318 bins")
                // one of the job's two clones (numjobs=2, group_reporting) wrote this log: the count says so
                .contains("the histogram log holds 39,663 I/Os where the job issued 80,891 reads");
        BatchModeTest.Run alone = BatchModeTest.run("-c", "histogram pkb_fio_avg_1506559526.49", hist);
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.out()).contains("from the fio histogram log").contains("#");
    }
}
