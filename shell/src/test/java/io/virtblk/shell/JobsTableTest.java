package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs} as a storage engineer reads it (issue 14): a job that failed stands out with fio's
 * error, numbers are scaled as fio scales them, and two runs of one job name can be told apart.
 */
class JobsTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The table line of the first row whose job is {@code job}. */
    static String row(String out, String job) {
        return out.lines().filter(l -> l.length() > 2 && l.substring(2).startsWith(job + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + job + " in:\n" + out));
    }

    static JsonNode json(BatchModeTest.Run r) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out().substring(r.out().indexOf("[ {")));
    }

    /**
     * A verify failure (EILSEQ, err=84) beside a healthy job: fio prints the error in the result
     * line and once more on its own line when the job stops.
     */
    private Path verifyFailure() throws IOException {
        Path f = dir.resolve("verify-84.txt");
        Files.writeString(f, """
                healthy: (g=0): rw=read, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, ioengine=psync, iodepth=1
                verify-write: (g=0): rw=write, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, ioengine=psync, iodepth=1
                fio-3.33
                Starting 2 processes
                fio: pid=4102, err=84/file:io_u.c:2236, func=io_u_sync_complete, error=Invalid or incomplete multibyte or wide character

                healthy: (groupid=0, jobs=1): err= 0: pid=4101: Thu Nov 26 06:20:01 2026
                  read: IOPS=2048, BW=8192KiB/s (8389kB/s)(8192KiB/1000msec)
                    clat (usec): min=210, max=912, avg=480.10, stdev=40.22
                     lat (usec): min=212, max=915, avg=482.33, stdev=40.30
                    clat percentiles (usec):
                     |  1.00th=[  400],  5.00th=[  420], 10.00th=[  429], 20.00th=[  445],
                     | 30.00th=[  457], 40.00th=[  469], 50.00th=[  478], 60.00th=[  490],
                     | 70.00th=[  502], 80.00th=[  515], 90.00th=[  537], 95.00th=[  553],
                     | 99.00th=[  594], 99.50th=[  627], 99.90th=[  799], 99.95th=[  881],
                     | 99.99th=[  914]
                  lat (usec)   : 250=0.05%, 500=68.12%, 750=31.70%, 1000=0.13%
                  cpu          : usr=1.00%, sys=5.00%, ctx=2049, majf=0, minf=12
                  IO depths    : 1=100.0%, 2=0.0%, 4=0.0%, 8=0.0%, 16=0.0%, 32=0.0%, >=64=0.0%
                     submit    : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.0%, 32=0.0%, 64=0.0%, >=64=0.0%
                     complete  : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.0%, 32=0.0%, 64=0.0%, >=64=0.0%
                     issued rwts: total=2048,0,0,0 short=0,0,0,0 dropped=0,0,0,0
                     latency   : target=0, window=0, percentile=100.00%, depth=1
                verify-write: (groupid=0, jobs=1): err=84 (file:io_u.c:2236, func=io_u_sync_complete, error=Invalid or incomplete multibyte or wide character): pid=4102: Thu Nov 26 06:20:01 2026
                  write: IOPS=1024, BW=4096KiB/s (4194kB/s)(1024KiB/250msec); 0 zone resets
                    clat (usec): min=310, max=1210, avg=900.10, stdev=60.22
                     lat (usec): min=312, max=1215, avg=902.33, stdev=60.30
                  cpu          : usr=1.00%, sys=5.00%, ctx=257, majf=0, minf=12
                  IO depths    : 1=100.0%, 2=0.0%, 4=0.0%, 8=0.0%, 16=0.0%, 32=0.0%, >=64=0.0%
                     submit    : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.0%, 32=0.0%, 64=0.0%, >=64=0.0%
                     complete  : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.0%, 32=0.0%, 64=0.0%, >=64=0.0%
                     issued rwts: total=0,256,0,0 short=0,0,0,0 dropped=0,0,0,0
                     latency   : target=0, window=0, percentile=100.00%, depth=1

                Run status group 0 (all jobs):
                   READ: bw=8192KiB/s (8389kB/s), 8192KiB/s-8192KiB/s (8389kB/s-8389kB/s), io=8192KiB (8389kB), run=1000-1000msec
                  WRITE: bw=4096KiB/s (4194kB/s), 4096KiB/s-4096KiB/s (4194kB/s-4194kB/s), io=1024KiB (1049kB), run=250-250msec
                """);
        return f;
    }

    @Test
    void aJobThatEndedWithAnErrorIsMarkedWithItsErrAndFiosText() throws IOException {
        Path f = verifyFailure();
        BatchModeTest.Run r = BatchModeTest.run("-c", "jobs", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String header = r.out().lines().filter(l -> l.contains("job") && l.contains("iops")).findFirst().orElseThrow();
        assertThat(header).containsPattern("\\berr\\b");
        String failed = row(r.out(), "verify-write");
        assertThat(failed).as("a failed job is marked").startsWith("!").containsPattern("\\s84\\b");
        assertThat(r.out()).contains("err=84: Invalid or incomplete multibyte or wide character");
        String healthy = row(r.out(), "healthy");
        assertThat(healthy).as("a healthy job is not").startsWith("  ").containsPattern("\\s0\\b");
        assertThat(r.out()).doesNotContain("err=0");

        JsonNode rows = json(BatchModeTest.run("-c", "jobs --json", f.toString()));
        JsonNode bad = rows.get(1);
        assertThat(bad.get("job").asText()).isEqualTo("verify-write");
        assertThat(bad.get("err").asInt()).isEqualTo(84);
        assertThat(bad.get("error").asText()).isEqualTo("Invalid or incomplete multibyte or wide character");
        assertThat(rows.get(0).get("error").isNull()).isTrue();
    }

    @Test
    void numbersAreScaledAsFioScalesThemAndKeptWholeInJson() throws IOException {
        // fio 2.2.10's sample: iops=42666, bw=170667KB/s, clat avg=350.52 us, p99 510 us
        String sample = BatchModeTest.run("-c", "jobs", BatchModeTest.sample()).out();
        assertThat(row(sample, "virtblkiofio-00-read")).contains(" 42.7k ").contains(" 167MiB/s ").contains(" 192msec ")
                .contains(" 350.52us ").contains(" 510us ");
        // the null engine: 777774.900398 IOPS, a mean completion of 96 ns and a p99 of 29 ns
        Path nulls = Corpus.of("fio-3.33/s06_numjobs4_null/s06_numjobs4_null.json");
        String fast = BatchModeTest.run("-c", "jobs", nulls.toString()).out();
        assertThat(row(fast, "nullrw")).contains(" 778k ").contains(" 3038MiB/s ").contains(" 96.27ns ").contains(" 29ns ")
                .doesNotContain("777774").doesNotContain("0us");
        // fio 2.1.4: a mean completion of 250667.06 us is 250.67 ms
        String slow = BatchModeTest.run("-c", "jobs", Corpus.of("fio-public/PerfKitBenchmarker__fio-parser-sample-result.json").toString()).out();
        assertThat(row(slow, "sequential_read")).contains(" 250.67ms ").contains(" 474ms ").doesNotContain("250667");
        // fio 3 printed this job's latencies in msec, and so does the table: not 19980.00us
        String msec = BatchModeTest.run("-c", "jobs", Path.of(System.getProperty("virtblk.root", ".."),
                "shell/src/test/resources/fio/two_runs_of_sequential_read.txt").toString()).out();
        assertThat(row(msec, "sequential_read")).contains(" 19.98ms ").contains(" 37ms ");

        JsonNode j = json(BatchModeTest.run("-c", "jobs --json", nulls.toString())).get(0);
        assertThat(j.get("iops").decimalValue()).isEqualByComparingTo("777774.900398");
        assertThat(j.get("bw_bytes_per_s").asLong()).isEqualTo(3185765992L);
        assertThat(j.get("clat_us").get("avg").decimalValue()).isEqualByComparingTo("0.096265043");
        assertThat(j.get("clat_percentiles_us").get("99.00").decimalValue()).isEqualByComparingTo("0.029");
    }

    @Test
    void fiosErrorTextComesFromTheResultLineOrFromFiosOwnErrorLine() throws IOException {
        // ENOSPC in fio 3.33's own output (stdout and stderr together)
        BatchModeTest.Run text = BatchModeTest.run("-c", "jobs", Corpus.of("fio-3.33/s08_error_enospc/s08_error_enospc.normal_2to1.txt").toString());
        assertThat(row(text.out(), "fill-small-tmpfs")).startsWith("!").containsPattern("\\s28\\b");
        assertThat(text.out()).contains("err=28: No space left on device");
        // a JSON document says only "error" : 42; its text is on fio's line before the document
        BatchModeTest.Run json = BatchModeTest.run("-c", "jobs", Corpus.of("fio-public/VirtualClient__TestFioJsonWithError.txt").toString());
        assertThat(row(json.out(), "fiotest")).startsWith("!").containsPattern("\\s42\\b");
        assertThat(json.out()).contains("err=42: Illegal byte sequence");
        // terse output carries the number only: marked, without a text to show
        BatchModeTest.Run terse = BatchModeTest.run("-c", "jobs", Corpus.of("fio-3.33/s08_error_enospc/s08_error_enospc.terse.txt").toString());
        assertThat(row(terse.out(), "fill-small-tmpfs")).startsWith("!").containsPattern("\\s28\\b");
        assertThat(terse.out()).contains("err=28 (fio printed no text for it)");
    }
}
