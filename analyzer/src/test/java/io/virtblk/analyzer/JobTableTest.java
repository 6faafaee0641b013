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
    }

}
