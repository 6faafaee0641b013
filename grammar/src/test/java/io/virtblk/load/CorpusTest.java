package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtblk.TestInputs;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real input in the shared corpus ({@code -Dvirtblk.corpus=DIR}; the build points it at
 * {@code ../shared/corpus}) loads without an exception and with every line accounted for.
 * Formats that are not read yet (fio JSON, terse, per-I/O logs) must still keep every line.
 */
class CorpusTest {

    static Stream<Path> corpusFiles() throws IOException {
        Path corpus = TestInputs.corpus();
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus + " (set -Dvirtblk.corpus=DIR)");
        return Files.walk(corpus).filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README.md")).sorted();
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileLoadsWithEveryLineAccountedFor() throws IOException {
        List<Path> files = corpusFiles().toList();
        assertThat(files).hasSizeGreaterThan(100);
        return files.stream().map(f -> DynamicTest.dynamicTest(TestInputs.corpus().relativize(f).toString(), () -> {
            LoadedSource s = TestInputs.load(f);
            assertThat(s.accountedFor())
                    .as("%s: typed %d + raw %d + structural %d = %d lines", f, s.typedLines(), s.rawLines(), s.structuralLines(), s.lines())
                    .isTrue();
            long rawEvents = s.events().stream().filter(e -> e instanceof io.virtblk.event.RawLine).count();
            assertThat(rawEvents).isEqualTo(s.rawLines());
            for (Event e : s.events()) {
                assertThat(e.at().line()).isBetween(1, s.lines());
                assertThat(e.at().endLine()).isBetween(e.at().line(), s.lines());
            }
        }));
    }

    @Test
    void fioTextOutputsOfEveryVersionGiveJobResults() throws IOException {
        Path corpus = TestInputs.corpus();
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
        Map<String, Integer> expected = Map.of(
                "fio-public/brucechin_HardwareTest__fio.log", 4,
                "fio-public/vTechnolust_PerfTests__ncb-results.txt", 12,
                // 8 from the normal report and 7 from the terse v3 lines printed before it
                "fio-public/hikalium_bench__result_2408X01456JF.txt", 15,
                "fio-public/sumitshatwara_prometheus-grafana-grok-fio-influxdb__fio_output.txt", 12,
                "fio-public/rgolubtsov_virtblkiosim__test-iofio-running.txt", 2,
                "fio-3.33/s03_randrw70_libaio/s03_randrw70_libaio.normal.txt", 1,
                "fio-3.33/s06_numjobs4_null/s06_numjobs4_null.normal.txt", 4,
                "fio-3.33/s08_error_enospc/s08_error_enospc.normal.txt", 1);
        expected.forEach((file, results) -> {
            LoadedSource s = TestInputs.load(corpus.resolve(file));
            assertThat(s.eventsByType().get("fio_result")).as(file).isEqualTo(results);
            assertThat(s.diagnostics()).as(file).isEmpty();
        });
    }

    /**
     * Every kernel report of these logs is one report event with the title syzkaller would give
     * it; the expectation header of syzkaller's test files and the report copy after "REPORT:" are
     * not kernel output and give none.
     */
    @Test
    void kernelLogsOfEveryFormatGiveTheirReports() throws IOException {
        Path corpus = TestInputs.corpus();
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
        record Want(String file, String title, int count) {
        }
        for (Want w : List.of(
                new Want("kernel-public/NickSalacious_LinuxErrors__journalctl.txt", "BUG: soft lockup in smp_call_function", 10),
                new Want("kernel-public/NickSalacious_LinuxErrors__journalctl.txt", "hard lockup in update_blocked_averages", 1),
                new Want("kernel-public/NickSalacious_LinuxErrors__journalctl.txt", "WARNING in dev_watchdog", 1),
                new Want("kernel-public/LIULIU7451_FIO__SMRC_FIO_new_bug.log", "INFO: task hung in nfs_wb_all", 10),
                new Want("kernel-public/LIULIU7451_FIO__fio_bug.log", "BUG: unable to handle kernel NULL pointer dereference in ext_tree_prepare_commit", 16),
                new Want("kernel-public/LIULIU7451_FIO__fio_bug.log", "WARNING in do_exit", 1),
                new Want("kernel-public/lkp-tests__dmesg_08.txt", "BUG: soft lockup in kernel_init", 1),
                new Want("kernel-public/lkp-tests__dmesg_41.txt", "INFO: rcu detected stall in cpu_idle_loop", 1),
                new Want("kernel-public/lkp-tests__dmesg_57.txt", "INFO: rcu detected stall in kernel_init", 1),
                new Want("kernel-public/lkp-tests__dmesg_57.txt", "INFO: task hung in synchronize_rcu", 1),
                new Want("kernel-public/lkp-tests__dmesg_80.txt", "BUG: soft lockup in corrupted", 1),
                new Want("kernel-syzkaller/syzkaller_report_71.txt", "INFO: task hung in blkdev_put", 1),
                new Want("kernel-syzkaller/syzkaller_report_7.txt", "BUG: soft lockup in corrupted", 1),
                new Want("kernel-syzkaller/syzkaller_report_65.txt", "BUG: soft lockup in smp_call_function", 1),
                new Want("kernel-syzkaller/syzkaller_report_237.txt", "INFO: rcu detected stall in mount", 1),
                new Want("kernel-syzkaller/syzkaller_report_378.txt", "INFO: rcu detected stall in sys_inotify_init", 1),
                new Want("kernel-syzkaller/syzkaller_report_162.txt", "general protection fault in sg_remove_request", 1),
                new Want("kernel-syzkaller/syzkaller_report_400.txt", "WARNING in blk_sync_queue", 1))) {
            LoadedSource s = TestInputs.load(corpus.resolve(w.file()));
            assertThat(s.format()).as(w.file()).isEqualTo(InputFormat.KERNEL_LOG);
            long n = s.events().stream().filter(e -> e instanceof KernelEvent.Report r && r.title().equals(w.title())).count();
            assertThat(n).as(w.file() + ": " + w.title()).isEqualTo(w.count());
        }
        for (String file : List.of("kernel-syzkaller/syzkaller_report_71.txt", "kernel-syzkaller/syzkaller_report_7.txt",
                "kernel-syzkaller/syzkaller_report_237.txt", "kernel-syzkaller/syzkaller_report_162.txt")) {
            assertThat(TestInputs.load(corpus.resolve(file)).eventsByType().get("report")).as(file + ": reports").isEqualTo(1);
        }
    }

    @Test
    void theVirtblkiosimTranscriptsDriverLinesAreStillRead() throws IOException {
        Path corpus = TestInputs.corpus();
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
        record Want(String file, String type, int count) {
        }
        for (Want w : List.of(
                new Want("kernel-public/rgolubtsov_virtblkiosim__test-ioctl-running.txt", "ioctl", 17),
                new Want("kernel-public/super-speedy-syslog-searcher__synology-DS6_dmesg.txt", "kernel", 19),
                new Want("kernel-public/super-speedy-syslog-searcher__synology-DS6_kern.log", "kernel", 19))) {
            LoadedSource s = TestInputs.load(corpus.resolve(w.file()));
            assertThat(s.format()).as(w.file())
                    .isEqualTo(w.file().contains("test-ioctl-running") ? InputFormat.TRANSCRIPT : InputFormat.KERNEL_LOG);
            assertThat(s.eventsByType().getOrDefault(w.type(), 0)).as(w.file() + " " + w.type()).isEqualTo(w.count());
        }
    }
}
