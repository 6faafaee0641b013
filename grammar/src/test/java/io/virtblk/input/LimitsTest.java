package io.virtblk.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.grammar.report.ReportRules;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One huge line costs no more than the line limit; an endless input stops at the input limit, saying so. */
class LimitsTest {

    private static final String LINE = "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n";

    @TempDir
    Path dir;

    @Test
    void aLineOverTheLimitIsCutWithADiagnosticAndTheNextLineStillComes() throws IOException {
        Path f = dir.resolve("long.log");
        String huge = "Nov 11 04:25:30 vm kernel: [1.000000] " + "é".repeat(3000); // two bytes each: the cut falls between characters
        Files.writeString(f, LINE + huge + "\n" + LINE);
        LoadedSource s = new SourceLoader(2016, ReportRules.builtIn(), new Limits(4096, Limits.DEFAULT_MAX_INPUT)).load(f.toString());
        assertThat(s.lines()).isEqualTo(3);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.eventsByType()).containsEntry("engage", 2);
        String kept = s.events().get(1).raw();
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096).isGreaterThan(4090);
        assertThat(kept).doesNotContain("\uFFFD");
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).isEqualTo("line is 6,038 bytes long, over the limit of 4 KiB (--max-line): only its first "
                    + String.format("%,d", kept.getBytes(StandardCharsets.UTF_8).length) + " bytes are kept");
        });
    }

    @Test
    void aGigabyteOfZerosWithoutANewlineIsOneCutLine() throws IOException {
        // the case at a quarter of the size: 256 MB of zeros is 250 KB of gzip
        Path f = dir.resolve("zeros.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                out.write(zeros);
            }
        }
        LoadedSource s = new SourceLoader(2016, ReportRules.builtIn(), new Limits(1 << 20, Limits.DEFAULT_MAX_INPUT)).load("kernel:" + f);
        assertThat(s.lines()).isEqualTo(1);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.events()).singleElement().satisfies(e -> assertThat(e.raw()).hasSize(1 << 20));
        assertThat(s.diagnostics()).extracting(Diagnostic::message)
                .anyMatch(m -> m.startsWith("line is 268,435,456 bytes long, over the limit of 1 MiB (--max-line)"));
    }

    @Test
    void anEndlessInputStopsAtTheInputLimit() throws IOException {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        LoadedSource s = new SourceLoader(2016, ReportRules.builtIn(), new Limits(4096, 8L << 20)).load("kernel:" + zero);
        assertThat(s.lines()).isEqualTo(1);
        assertThat(s.diagnostics()).extracting(Diagnostic::message)
                .contains("stopped reading after 8 MiB (the input limit, --max-input): the rest of the input is not loaded");
    }

    @Test
    void linesStopAtTheInputLimitOnALineBoundaryOrInsideOne() throws IOException {
        Path f = dir.resolve("k.log");
        Files.writeString(f, LINE.repeat(100));
        LoadedSource s = new SourceLoader(2016, ReportRules.builtIn(), new Limits(4096, 10L * LINE.length())).load(f.toString());
        assertThat(s.lines()).isEqualTo(10);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.diagnostics()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(10));
    }

    @Test
    void sizesAreReadAsPeopleWriteThem() {
        assertThat(Limits.parseSize("4M")).isEqualTo(4L << 20);
        assertThat(Limits.parseSize("64k")).isEqualTo(64L << 10);
        assertThat(Limits.parseSize("32GB")).isEqualTo(32L << 30);
        assertThat(Limits.parseSize("1048576")).isEqualTo(1L << 20);
        assertThatThrownBy(() -> Limits.parseSize("4 MB please")).hasMessage("not a size: '4 MB please'; write bytes or a number with K, M or G, e.g. 4M");
        assertThatThrownBy(() -> new Limits(10, 1)).hasMessageContaining("at least 1K");
        assertThat(Limits.shown(4L << 20)).isEqualTo("4 MiB");
        assertThat(Limits.shown(1000)).isEqualTo("1,000 bytes");
    }
}
