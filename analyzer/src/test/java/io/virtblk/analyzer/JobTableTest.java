package io.virtblk.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining fio events into one row per job and direction. */
class JobTableTest {

    @TempDir
    Path dir;

    @Test
    void eachRunsDiskStatsAndVersionGoToItsOwnJobs() throws IOException {
        Path f = dir.resolve("two-runs.txt");
        Files.writeString(f, """
                a: (g=0): rw=randread, bs=4K-4K/4K-4K/4K-4K, ioengine=libaio, iodepth=1
                fio-2.2.10
                Starting 1 process

                a: (groupid=0, jobs=1): err= 0: pid=1: Fri Nov 11 04:25:30 2016
                  read : io=4096KB, bw=4096KB/s, iops=1024, runt= 1000msec
                  cpu          : usr=1.00%, sys=1.00%, ctx=1, majf=0, minf=1
                     issued    : total=r=1024/w=0/d=0, short=r=0/w=0/d=0, drop=r=0/w=0/d=0

                Disk stats (read/write):
                  sda: ios=1000/0, merge=0/0, ticks=1/0, in_queue=1, util=1.00%
                b: (g=0): rw=randrw, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, ioengine=psync, iodepth=1
                fio-3.33
                Starting 1 process

                b: (groupid=0, jobs=1): err= 0: pid=2: Thu Nov 26 06:10:42 2026
                  read: IOPS=100, BW=400KiB/s (410kB/s)(1200KiB/3000msec)
                  write: IOPS=50, BW=200KiB/s (205kB/s)(600KiB/3000msec); 0 zone resets
                  cpu          : usr=1.00%, sys=1.00%, ctx=1, majf=0, minf=1
                     issued rwts: total=300,150,0,0 short=0,0,0,0 dropped=0,0,0,0

                Disk stats (read/write):
                  vdb: ios=300/150, merge=0/0, ticks=1/1, in_queue=2, util=2.00%
                """);
        LoadedSource s = new SourceLoader(2016).load(f.toString());
        assertThat(s.diagnostics()).isEmpty();
        List<JobRow> rows = JobTable.of(s);
        assertThat(rows).extracting(r -> r.job() + "/" + r.dir() + "/" + r.rw() + "/" + r.fioVersion() + "/" + r.diskStats().getFirst().device())
                .containsExactly("a/read/randread/2.2.10/sda", "b/read/randrw/3.33/vdb", "b/write/randrw/3.33/vdb");
        assertThat(rows.get(2).direction().iops()).isEqualTo(50.0);
        assertThat(rows.get(2).direction().zoneResets()).isZero();
        assertThat(rows).extracting(JobRow::run).containsExactly(1, 2, 2);
    }

    private static Path corpus(String file) {
        Path c = Path.of(System.getProperty("virtblk.corpus", "../../shared/corpus"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(c), "no corpus at " + c);
        return c.resolve(file);
    }

    /** fio writes a terse line per job, each with the version and the run's disk stats: lines in a row are one run. */
    @Test
    void terseLinesInARowAreOneRunWithItsDiskStatsOnce() throws IOException {
        LoadedSource s = new SourceLoader(2026).load(corpus("fio-3.33/s07_rate_limited/s07_rate_limited.terse.txt").toString());
        List<JobRow> rows = JobTable.of(s);
        assertThat(rows).extracting(r -> r.job() + "/" + r.run()).containsExactly("ratelimited-read/1", "ratelimited-write/1");
        assertThat(rows.get(0).diskStats()).hasSize(1);
    }

    /** {@code numjobs=4} gives four jobs of one name and start time in one run: four rows, not copies of one. */
    @Test
    void theClonesOfOneRunAreNotCopiesButTheSameRunInTwoFormatsIs() throws IOException {
        LoadedSource json = new SourceLoader(2026).load(corpus("fio-3.33/s06_numjobs4_null/s06_numjobs4_null.json").toString());
        assertThat(JobTable.copies(JobTable.of(json))).hasSize(8).allSatisfy(g -> assertThat(g).hasSize(1));
        LoadedSource twin = new SourceLoader(2026).load(corpus("fio-3.33/s06_numjobs4_null/s06_numjobs4_null.normal_json.txt").toString());
        List<JobRow> rows = JobTable.of(twin);
        assertThat(rows).extracting(JobRow::run).containsOnly(1, 2);
        assertThat(JobTable.copies(rows)).hasSize(8).allSatisfy(g -> assertThat(g).extracting(JobRow::run).containsExactly(1, 2));
    }

    /** JSON and terse output carry only the error's number; fio's own error line before the document carries its text. */
    @Test
    void anErrorsTextComesFromTheResultLineOrFromFiosErrorLine() throws IOException {
        LoadedSource text = new SourceLoader(2026).load(corpus("fio-3.33/s08_error_enospc/s08_error_enospc.normal.txt").toString());
        assertThat(JobTable.of(text).getFirst().error()).isEqualTo("No space left on device");
        LoadedSource json = new SourceLoader(2020).load(corpus("fio-public/VirtualClient__TestFioJsonWithError.txt").toString());
        JobRow r = JobTable.of(json).getFirst();
        assertThat(r.err()).isEqualTo(42);
        assertThat(r.failed()).isTrue();
        assertThat(r.error()).isEqualTo("Illegal byte sequence");
    }

}
