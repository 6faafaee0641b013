package io.virtblk.shell;

import static io.virtblk.shell.BatchModeTest.run;
import static io.virtblk.shell.BatchModeTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.shell.BatchModeTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, points 14-16: a failed write says why, context finds its line or says why not, load takes folders and globs. */
class ErrorsAndInputTest {

    @TempDir
    Path dir;

    @Test
    void exportToAMissingFolderSaysTheFolderIsMissing() {
        Run r = run("-c", "export csv " + dir.resolve("no/such/dir/x.csv") + " type:ioctl", sample());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("export: cannot write " + dir.resolve("no/such/dir/x.csv") + ": no such directory: " + dir.resolve("no/such/dir"));
    }

    @Test
    void exportToAFullDiskSaysTheDiskIsFull() {
        Run r = run("-c", "export csv /dev/full", sample());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("export: cannot write /dev/full: ").contains("No space left on device");
    }

    @Test
    void exportToAFolderSaysItIsAFolder() {
        Run r = run("-c", "export json " + dir, sample());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("export: cannot write " + dir + ": ").contains("directory");
    }

    @Test
    void reproSaysInFullWhereItWroteTheJobFile() {
        Path out = dir.resolve("run3.fio");
        Run r = run("-c", "repro 3 --out " + out, sample());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fio job file written to " + out.toAbsolutePath() + ":");
        assertThat(out).exists();
        Run bad = run("-c", "repro 3 --out " + dir.resolve("missing/run3.fio"), sample());
        assertThat(bad.err()).contains("repro: cannot write " + dir.resolve("missing/run3.fio") + ": no such directory");
    }

    @Test
    void contextPastTheEndSaysHowManyLinesTheSourceHas() {
        Run r = run("-c", "context 1 1000@" + sample(), sample());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("context: " + sample() + " has 110 lines; line 1,000 is past its end");
    }

    @Test
    void contextWithOneSourceLoadedNeedsNoSource() {
        Run r = run("-c", "context 1 106", sample());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains(">   106  ").contains("    105  ").contains("    107  ");
    }

    @Test
    void contextWithTwoSourcesLoadedAsksWhich() throws IOException {
        Path other = Files.writeString(dir.resolve("k.log"), "Nov 11 04:25:30 vm kernel: [1.000000] hello\n");
        Run r = run("-c", "context 1 1", sample(), other.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("context: 2 sources are loaded; say which with LINE@SOURCE");
    }

    private Path folderOfLogs() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("b.log"), "Nov 11 04:25:30 vm kernel: [1.000000] second\n");
        Files.writeString(logs.resolve("a.log"), "Nov 11 04:25:30 vm kernel: [1.000000] first\n");
        Files.createDirectories(logs.resolve("sub"));
        Files.writeString(logs.resolve("sub/c.log"), "Nov 11 04:25:30 vm kernel: [1.000000] third\n");
        Files.writeString(logs.resolve(".hidden.log"), "Nov 11 04:25:30 vm kernel: [1.000000] hidden\n");
        Files.write(logs.resolve("core.bin"), new byte[] {0, 1, 2, 3, 0, 0, 0, 0, (byte) 0xff, 0, 0, 0});
        return logs;
    }

    @Test
    void aFolderLoadsEveryFileUnderItInPathOrder() throws IOException {
        Path logs = folderOfLogs();
        Run r = run("-c", "load " + logs, "-c", "count *:*");
        assertThat(r.code()).isZero();
        String out = r.out();
        assertThat(out.indexOf(logs.resolve("a.log") + ": kernel, 1 lines")).isGreaterThanOrEqualTo(0)
                .isLessThan(out.indexOf(logs.resolve("b.log") + ": kernel, 1 lines"));
        assertThat(out.indexOf(logs.resolve("b.log") + ": kernel")).isLessThan(out.indexOf(logs.resolve("sub/c.log") + ": kernel, 1 lines"));
        assertThat(out).doesNotContain(".hidden.log").contains(logs.resolve("core.bin") + ": skipped, not text")
                .contains("loaded 3 file(s), skipped 1 that are not text");
        assertThat(out).endsWith("3\n");
    }

    @Test
    void aGlobLoadsTheFilesItMatchesWithAFormatPrefixOnEach() throws IOException {
        Path logs = folderOfLogs();
        Run r = run("-c", "load kernel:" + logs + "/*.log", "-c", "count *:*");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains(logs.resolve("a.log") + ": kernel").contains(logs.resolve("b.log") + ": kernel")
                .doesNotContain("c.log").doesNotContain("core.bin").endsWith("2\n");
        Run deep = run("-c", "load " + logs + "/**.log", "-c", "count *:*");
        assertThat(deep.out()).contains(logs.resolve("sub/c.log") + ": kernel").endsWith("3\n");
    }

    @Test
    void aGlobThatMatchesNothingSaysSo() {
        Run r = run("-c", "load " + dir + "/*.nothing");
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("load: no file matches " + dir + "/*.nothing");
    }

    @Test
    void aRelativeGlobIsReadFromTheCurrentFolder() {
        String glob = Path.of(sample()).getParent() + "/0*_session.txt";
        Run r = run("-c", "load " + glob);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains(sample() + ": transcript, 110 lines");
    }

    /** Issue 14, point 12, at the prompt: the fault is pointed at, in the query and in the line's quoting. */
    @Test
    void aQueryErrorPointsAtTheFault() {
        Run r = run("-c", "query type:ioctl AND", sample());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("query: query:15: after 'AND', expected a value").contains("\n  type:ioctl AND\n                ^");
        Run number = run("-c", "query mono:abc", sample());
        assertThat(number.err()).contains("query: query:6: mono holds numbers; 'abc' is not one").doesNotContain("DecimalFormat");
        Run quote = run("-c", "count message:\"never closed", sample());
        assertThat(quote.code()).isEqualTo(Main.USAGE);
        assertThat(quote.err()).contains("column 15: this \" quote is not closed").contains("\n                ^");
    }
}
