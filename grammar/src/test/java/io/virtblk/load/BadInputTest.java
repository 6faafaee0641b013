package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.TestInputs;
import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.RawLine;
import io.virtblk.input.Diagnostic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading never aborts on bad input: each case here gives a diagnostic a user can act on
 * (file, line, column, what was expected), keeps the line, and accounts for every line.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private static final String SYSLOG_ENGAGE = "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim";

    @Test
    void emptyFileLoadsAsNothing() {
        LoadedSource s = TestInputs.load(dir, "empty.log", "", null);
        assertThat(s.lines()).isZero();
        assertThat(s.events()).isEmpty();
        assertThat(s.accountedFor()).isTrue();
    }

    @Test
    void binaryGarbageIsRefusedSayingWhyAndHowToReadItAnyway() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Path f = dir.resolve("garbage.bin");
        Files.write(f, garbage);
        assertThatThrownBy(() -> new SourceLoader(2016).load(f.toString()))
                .isInstanceOf(SourceLoader.NotText.class)
                .hasMessageStartingWith(f + ": not text: ")
                .hasMessageContaining("bytes that are not UTF-8")
                .hasMessageContaining("force a format: kernel:" + f);
    }

    @Test
    void binaryGarbageForcedAsAKernelLogIsKeptRawAndAccountedFor() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Path f = dir.resolve("garbage.bin");
        Files.write(f, garbage);
        LoadedSource s = new SourceLoader(2016).load("kernel:" + f);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.lines()).isPositive();
        assertThat(s.diagnostics()).isNotEmpty();
        assertThat(s.diagnostics()).allSatisfy(d -> assertThat(d.source()).isEqualTo(f.toString()));
        assertThat(s.diagnostics().stream().map(Diagnostic::message)).anyMatch(m -> m.contains("invalid UTF-8") || m.contains("NUL byte"));
    }

    @Test
    void crlfLineEndsAreTakenAndNoted() {
        LoadedSource s = TestInputs.load(dir, "crlf.log", SYSLOG_ENGAGE + "\r\n" + SYSLOG_ENGAGE.replace("engage", "release") + "\r\n", null);
        assertThat(s.crlf()).isTrue();
        assertThat(s.diagnostics()).isEmpty();
        assertThat(s.eventsByType()).containsEntry("engage", 1).containsEntry("release", 1);
        assertThat(((KernelEvent) s.events().getFirst()).message()).doesNotContain("\r");
    }

    @Test
    void invalidUtf8IsReplacedAndReportedWithItsColumn() throws IOException {
        Path f = dir.resolve("latin1.log");
        byte[] head = "Nov 11 04:25:30 vm kernel: [1.000000] usb 1-1: Hersteller: ".getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xE4; // 'ä' in Latin-1, not UTF-8
        line[head.length + 1] = '\n';
        Files.write(f, line);
        LoadedSource s = TestInputs.load(f);
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(head.length + 1);
            assertThat(d.message()).contains("invalid UTF-8").contains("0xe4");
        });
        assertThat(s.eventsByType()).containsEntry("kernel", 1);
    }

    @Test
    void aOneMegabyteLineIsKeptWhole() {
        String huge = "[    1.000000] " + "x".repeat(1 << 20);
        LoadedSource s = TestInputs.load(dir, "huge.log", "[    0.500000] boot\n" + huge + "\n[    2.000000] after\n", null);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.lines()).isEqualTo(3);
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("bytes long");
        });
        assertThat(s.events().get(1).raw()).hasSize(huge.length());
    }

    @Test
    void aFioResultCutOffMidBlockSaysWhatIsMissing() {
        String text = """
                seq: (g=0): rw=read, bs=4K-4K/4K-4K/4K-4K, ioengine=libaio, iodepth=16
                fio-2.2.10
                Starting 1 process

                seq: (groupid=0, jobs=1): err= 0: pid=3832: Fri Nov 11 04:25:30 2016
                  read : io=32768KB, bw=170667KB/s, iops=42666, runt=   192msec
                    slat (usec): min=6, max=309, avg=17.20, stdev= 5.10
                    clat (usec): min=4, max=820, av""";
        LoadedSource s = TestInputs.load(dir, "cut.txt", text, null);
        assertThat(s.format()).isEqualTo(InputFormat.FIO_TEXT);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.diagnostics()).extracting(Diagnostic::toString).anySatisfy(d -> assertThat(d)
                .startsWith(dir.resolve("cut.txt") + ":8:")
                .contains("in the result of job 'seq'"));
        assertThat(s.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m)
                .contains("the result of job 'seq' ends after line 7").contains("'cpu :'").contains("cut off"));
        assertThat(s.events()).filteredOn(e -> e instanceof FioEvent.JobResult).singleElement()
                .satisfies(e -> assertThat(((FioEvent.JobResult) e).dirs().getFirst().iops()).isEqualTo(42666.0));
        assertThat(s.events()).filteredOn(e -> e instanceof RawLine).singleElement()
                .satisfies(e -> assertThat(e.at().line()).isEqualTo(8));
    }

    @Test
    void gzipLogsLoadLikePlainOnes() throws IOException {
        Path f = dir.resolve("kern.log.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write((SYSLOG_ENGAGE + "\n").getBytes(StandardCharsets.UTF_8));
        }
        LoadedSource s = TestInputs.load(f);
        assertThat(s.gzip()).isTrue();
        assertThat(s.format()).isEqualTo(InputFormat.KERNEL_LOG);
        assertThat(s.eventsByType()).containsEntry("engage", 1);
    }

    @Test
    void aTruncatedGzipKeepsWhatWasReadAndSaysSo() throws IOException {
        Path whole = dir.resolve("whole.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            for (int i = 0; i < 2000; i++) {
                out.write((SYSLOG_ENGAGE + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        LoadedSource s = TestInputs.load(cut);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("compressed data ends early"));
    }

    @Test
    void ioctlFieldsThatContradictTheCallIdAreDiagnosedAndTheCallIdWins() {
        String line = "Nov 11 04:25:30 vm kernel: [67315.571938] virtblkiosim: ===> ioctl() call ID: 0x00001261 "
                + "(dir: 0x2 | size: 0x000 | chr: 0x12 '' | func: 0x62) ===> arg: 1";
        LoadedSource s = TestInputs.load(dir, "bad-ioctl.log", line + "\n", null);
        assertThat(s.eventsByType()).containsEntry("ioctl", 1);
        KernelEvent.IoctlCall call = (KernelEvent.IoctlCall) s.events().getFirst();
        assertThat(call.ioctl().name()).isEqualTo("BLKFLSBUF");
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.column()).isEqualTo(line.indexOf("0x2 |") + 1);
            assertThat(d.message()).contains("dir 0x0").contains("dir: 0x2").contains("func 0x61").contains("func: 0x62");
        });
    }

    @Test
    void aBrokenDriverLineIsRawWithExpectedAndFound() {
        String line = "Nov 11 04:25:30 vm kernel: [67315.571938] virtblkiosim: ===> ioctl() call ID: 0x00001261 "
                + "(dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg:";
        LoadedSource s = TestInputs.load(dir, "broken.log", line + "\n", null);
        assertThat(s.rawLines()).isEqualTo(1);
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(line.length() + 1);
            assertThat(d.message()).contains("expected NUMBER").contains("end of line");
        });
    }

    @Test
    void aLineThatLostItsSyslogStampIsNamedInASyslogFile() {
        LoadedSource s = TestInputs.load(dir, "kern.log", SYSLOG_ENGAGE + "\nvirtio_blk virtio2: [vda] 8388608 512-byte blocks\n", null);
        assertThat(s.rawLines()).isEqualTo(1);
        assertThat(s.diagnostics()).singleElement().satisfies(d -> assertThat(d.toString())
                .isEqualTo(dir.resolve("kern.log") + ":2:1: expected a syslog line like 'Nov 11 04:25:30 host kernel: ...', "
                        + "found 'virtio_blk virtio2: [vda] 8388608 512-by...'"));
    }

    @Test
    void anImpossibleDateIsADiagnosticNotACrash() {
        LoadedSource s = TestInputs.load(dir, "feb30.log", "Feb 30 04:25:30 vm kernel: [1.0] hello\n", "kernel");
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("impossible time"));
    }

    @Test
    void aForcedFormatOverridesDetection() {
        LoadedSource s = TestInputs.load(dir, "odd.txt", "hello\nworld\n", "kernel");
        assertThat(s.format()).isEqualTo(InputFormat.KERNEL_LOG);
        assertThat(s.eventsByType()).containsEntry("kernel", 2);
        LoadedSource unknown = TestInputs.load(dir, "odd2.txt", "hello\nworld\n", null);
        assertThat(unknown.format()).isEqualTo(InputFormat.UNKNOWN);
        assertThat(unknown.rawLines()).isEqualTo(2);
        assertThat(unknown.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("kernel:"));
    }
}
