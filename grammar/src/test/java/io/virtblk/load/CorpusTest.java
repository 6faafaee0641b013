package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtblk.TestInputs;
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

    @Test
    void kernelLogsOfEveryFormatGiveTheirReports() throws IOException {
        Path corpus = TestInputs.corpus();
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
        record Want(String file, String type, int count) {
        }
        for (Want w : List.of(
                new Want("kernel-public/NickSalacious_LinuxErrors__journalctl.txt", "soft_lockup", 10),
                new Want("kernel-public/NickSalacious_LinuxErrors__journalctl.txt", "hard_lockup", 1),
                new Want("kernel-public/LIULIU7451_FIO__SMRC_FIO_new_bug.log", "hung_task", 10),
                new Want("kernel-public/LIULIU7451_FIO__fio_bug.log", "oops", 16),
                new Want("kernel-public/lkp-tests__dmesg_08.txt", "soft_lockup", 1),
                new Want("kernel-public/lkp-tests__dmesg_41.txt", "rcu_stall", 1),
                new Want("kernel-public/lkp-tests__dmesg_57.txt", "rcu_stall", 1),
                new Want("kernel-public/lkp-tests__dmesg_57.txt", "hung_task", 1),
                new Want("kernel-public/lkp-tests__dmesg_80.txt", "soft_lockup", 1),
                new Want("kernel-public/rgolubtsov_virtblkiosim__test-ioctl-running.txt", "ioctl", 17),
                new Want("kernel-public/super-speedy-syslog-searcher__synology-DS6_dmesg.txt", "kernel", 19),
                new Want("kernel-public/super-speedy-syslog-searcher__synology-DS6_kern.log", "kernel", 19),
                new Want("kernel-syzkaller/syzkaller_report_71.txt", "hung_task", 1),
                // the log's report, and syzkaller's copy of it after "REPORT:" at the end of the file
                new Want("kernel-syzkaller/syzkaller_report_7.txt", "soft_lockup", 2),
                new Want("kernel-syzkaller/syzkaller_report_65.txt", "soft_lockup", 1),
                new Want("kernel-syzkaller/syzkaller_report_237.txt", "rcu_stall", 1),
                new Want("kernel-syzkaller/syzkaller_report_378.txt", "rcu_stall", 1),
                // the log's report only: syzkaller's "TITLE: general protection fault in ..." header is not one
                new Want("kernel-syzkaller/syzkaller_report_162.txt", "gpf", 1),
                new Want("kernel-syzkaller/syzkaller_report_400.txt", "warning", 1))) {
            LoadedSource s = TestInputs.load(corpus.resolve(w.file()));
            assertThat(s.format()).as(w.file())
                    .isEqualTo(w.file().contains("test-ioctl-running") ? InputFormat.TRANSCRIPT : InputFormat.KERNEL_LOG);
            assertThat(s.eventsByType().getOrDefault(w.type(), 0)).as(w.file() + " " + w.type()).isEqualTo(w.count());
        }
    }
}
