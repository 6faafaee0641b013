package io.virtblk.shell.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-CPU traces made one, in time order, as the readers of a block trace need it. */
class TraceDrainTest {

    @TempDir
    Path dir;

    @Test
    void perCpuTracesMergeByTheirStampsKeepingEachFilesOrder() throws Exception {
        Path cpu0 = dir.resolve(".trace.txt.cpu0.part");
        Path cpu1 = dir.resolve(".trace.txt.cpu1.part");
        Files.writeString(cpu0, """
                             fio-6339    [000] ..... 1087.000100: block_rq_issue: 7,0 R 4096 () 8 + 8 [fio]
                             fio-6339    [000] ..... 1087.000300: block_rq_issue: 7,0 R 4096 () 16 + 8 [fio]
                a line without a stamp stays after the one before it in its file
                          <idle>-0       [000] d.h1. 1087.000500: block_rq_complete: 7,0 R () 8 + 8 [0]
                """);
        Files.writeString(cpu1, """
                             fio-6340    [001] ..... 1087.000200: block_rq_issue: 7,0 W 4096 () 24 + 8 [fio]
                             fio-6340    [001] ..... 1087.000300: block_rq_issue: 7,0 W 4096 () 32 + 8 [fio]
                """);
        Path out = dir.resolve("trace.txt");
        TraceDrain.merge(List.of(cpu0, cpu1, dir.resolve(".trace.txt.cpu2.part")), out);
        List<String> merged = Files.readAllLines(out).stream().map(String::strip).toList();
        assertEquals(List.of(
                "fio-6339    [000] ..... 1087.000100: block_rq_issue: 7,0 R 4096 () 8 + 8 [fio]",
                "fio-6340    [001] ..... 1087.000200: block_rq_issue: 7,0 W 4096 () 24 + 8 [fio]",
                "fio-6339    [000] ..... 1087.000300: block_rq_issue: 7,0 R 4096 () 16 + 8 [fio]",
                "a line without a stamp stays after the one before it in its file",
                "fio-6340    [001] ..... 1087.000300: block_rq_issue: 7,0 W 4096 () 32 + 8 [fio]",
                "<idle>-0       [000] d.h1. 1087.000500: block_rq_complete: 7,0 R () 8 + 8 [0]"), merged,
                "by stamp; equal stamps in CPU order; a CPU that wrote nothing is no hole");
        assertFalse(Files.exists(cpu0), "the per-CPU files are removed once merged");
        assertEquals(1087.0005, TraceDrain.stamp("  <idle>-0  [000] d.h1. 1087.000500: block_rq_complete: 7,0 R () 8 + 8 [0]", -1), 1e-9);
        assertEquals(-1, TraceDrain.stamp("no stamp: here", -1));
    }
}
