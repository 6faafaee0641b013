package io.virtblk.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.virtblk.TestInputs;
import io.virtblk.load.InputFormat;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text as editors, Windows tools and serial capture programs save it loads like the sample:
 * CR-only line ends, UTF-16 with or without a byte-order mark, a UTF-8 byte-order mark. Input
 * that is not text is refused with the reason, not loaded as "nothing wrong".
 */
class EncodingsTest {

    @TempDir
    Path dir;

    private LoadedSource sample() throws IOException {
        return new SourceLoader(2016).load(TestInputs.sample("000_session.txt").toString());
    }

    private static String sampleText() throws IOException {
        return Files.readString(TestInputs.sample("000_session.txt"));
    }

    @Test
    void crOnlyLineEndsAreSplitAtTheCr() throws IOException {
        Path f = dir.resolve("cr.txt");
        Files.writeString(f, sampleText().replace('\n', '\r'));
        LoadedSource s = new SourceLoader(2016).load(f.toString());
        assertThat(s.lines()).isEqualTo(sample().lines());
        assertThat(s.eventsByType()).isEqualTo(sample().eventsByType());
        assertThat(s.diagnostics()).extracting(Diagnostic::message).containsExactly("lines end in CR alone (no LF in the first 64 KiB); split there");
    }

    @Test
    void aCrInsideAFileWithLfEndsStaysInItsLine() throws IOException {
        // fio's progress lines are redrawn with CR: a file that has LF ends keeps CRs inside lines
        Path f = dir.resolve("eta.log");
        Files.writeString(f, "Jobs: 1 (f=1): [R(1)][10.0%]\rJobs: 1 (f=1): [R(1)][20.0%]\r\nsecond\n");
        try (LineReader r = LineReader.open("eta.log", f, new java.util.ArrayList<>())) {
            assertThat(r.next().text()).isEqualTo("Jobs: 1 (f=1): [R(1)][10.0%]\rJobs: 1 (f=1): [R(1)][20.0%]");
            assertThat(r.next().text()).isEqualTo("second");
            assertThat(r.crOnly()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-16LE+BOM"})
    void utf16LoadsLikeUtf8(String encoding) throws IOException {
        Path f = dir.resolve("u16.txt");
        boolean bom = encoding.endsWith("+BOM");
        Charset cs = Charset.forName(encoding.replace("+BOM", ""));
        byte[] text = sampleText().getBytes(cs); // "UTF-16" writes a big-endian byte-order mark itself
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (bom) {
            b.write(new byte[] {(byte) 0xff, (byte) 0xfe});
        }
        b.write(text);
        Files.write(f, b.toByteArray());
        LoadedSource s = new SourceLoader(2016).load(f.toString());
        assertThat(s.format()).isEqualTo(InputFormat.TRANSCRIPT);
        assertThat(s.lines()).isEqualTo(sample().lines());
        assertThat(s.eventsByType()).isEqualTo(sample().eventsByType());
        assertThat(s.diagnostics()).extracting(Diagnostic::message).singleElement().asString().startsWith("the text is UTF-16");
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotTurnTheFirstLineRaw() throws IOException {
        Path f = dir.resolve("bom.log");
        Files.write(f, ("\uFEFFNov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n")
                .getBytes(StandardCharsets.UTF_8));
        LoadedSource s = new SourceLoader(2016).load(f.toString());
        assertThat(s.eventsByType()).containsExactly(java.util.Map.entry("engage", 1));
        assertThat(s.rawLines()).isZero();
        assertThat(s.events().getFirst().raw()).doesNotStartWith("\uFEFF");
    }

    @Test
    void devZeroIsRefusedAtOnce() {
        assumeThat(Path.of("/dev/zero")).exists();
        assertThatThrownBy(() -> new SourceLoader(2016).load("/dev/zero"))
                .isInstanceOf(SourceLoader.NotText.class)
                .hasMessage("/dev/zero: not text: 100% of its first 65,536 bytes are NUL bytes; nothing was loaded "
                        + "(to read it anyway, force a format: kernel:/dev/zero)");
    }

    @Test
    void aCrashsRunOfNulBytesInsideAKernLogIsStillText() throws IOException {
        Path f = dir.resolve("kern.log");
        String line = "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n";
        Files.write(f, (line.repeat(200) + "\0".repeat(4000) + line).getBytes(StandardCharsets.UTF_8));
        LoadedSource s = new SourceLoader(2016).load(f.toString());
        assertThat(s.format()).isEqualTo(InputFormat.KERNEL_LOG);
        assertThat(s.accountedFor()).isTrue();
    }

    @Test
    void aGzipFileCutInsideItsHeaderSaysSo() throws IOException {
        Path f = dir.resolve("cut.gz");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        assertThatThrownBy(() -> new SourceLoader(2016).load(f.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("not a complete gzip file: it ends or is damaged inside the gzip header (after 5 bytes)")
                .hasMessageNotContaining("null");
    }

    @Test
    void aGzipChecksumErrorIsReportedAfterTheLastLineRead() throws IOException {
        Path f = dir.resolve("crc.gz");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write("Nov 11 04:25:30 vm kernel: [1.000001] one\nNov 11 04:25:30 vm kernel: [1.000002] two\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = b.toByteArray();
        bytes[bytes.length - 8] ^= 0x55; // the CRC32 in the trailer
        Files.write(f, bytes);
        LoadedSource s = new SourceLoader(2016).load(f.toString());
        assertThat(s.lines()).isEqualTo(2);
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).as("after the two lines read, not a line 3 that does not exist").isEqualTo(2);
            assertThat(d.message()).contains("compressed data ends early or is damaged");
        });
    }
}
