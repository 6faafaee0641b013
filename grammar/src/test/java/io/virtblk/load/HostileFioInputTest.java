package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.TestInputs;
import io.virtblk.event.FioEvent;
import io.virtblk.event.RawLine;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio inputs that used to escape the readers as exceptions (issue 13, points 7 and 8). Each is
 * a minimised input in {@code src/test/resources/hostile/} (its README says what each holds) or
 * generated here; each must load with a diagnostic naming line, column and what was expected,
 * keep the bad line raw, and account for every line.
 */
class HostileFioInputTest {

    @TempDir
    Path dir;

    private static Path hostile(String name) {
        return TestInputs.root().resolve("grammar/src/test/resources/hostile").resolve(name);
    }

    private static LoadedSource load(String name) {
        try {
            LoadedSource s = new SourceLoader(2016).load(hostile(name).toString());
            assertThat(s.accountedFor()).as("%s: typed %d + raw %d + structural %d = %d lines", name, s.typedLines(), s.rawLines(),
                    s.structuralLines(), s.lines()).isTrue();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> of(LoadedSource s, Class<T> type) {
        return s.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Integer> rawLines(LoadedSource s) {
        return s.events().stream().filter(e -> e instanceof RawLine).map(e -> e.at().line()).toList();
    }

    /** Runs {@code work} on a thread with a 256 KiB stack, so that recursion per column or per field shows as a failure. */
    private static <T> T onSmallStack(Callable<T> work) throws InterruptedException {
        List<T> result = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        Thread t = new Thread(null, () -> {
            try {
                result.add(work.call());
            } catch (Throwable e) {
                thrown.add(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (!thrown.isEmpty()) {
            throw new AssertionError("failed on a 256 KiB stack", thrown.getFirst());
        }
        return result.getFirst();
    }

    /** fio 3's histogram line at the default log_hist_coarseness=0: time, direction, block size, 1856 bucket counts. */
    private static String histogramLine(long timeMs, int dir) {
        StringBuilder sb = new StringBuilder().append(timeMs).append(", ").append(dir).append(", 4096");
        for (int i = 0; i < 1856; i++) {
            sb.append(", ").append(i == 300 ? 7 : i == 900 ? 1 : 0);
        }
        return sb.toString();
    }

    @Test
    void aHistogramLogAtFiosDefaultCoarsenessIsDetectedAndReadOnASmallStack() throws Exception {
        String line = histogramLine(1000, 0);
        assertThat(line.split(", ")).hasSize(1859);
        assertThat(onSmallStack(() -> InputFormat.detect(List.of(new Line(1, line), new Line(2, histogramLine(2000, 1))))))
                .isEqualTo(InputFormat.FIO_LOG);
        LoadedSource s = onSmallStack(() -> TestInputs.load(dir, "job_clat_hist.1.log", line + "\n" + histogramLine(2000, 1) + "\n", null));
        assertThat(s.format()).isEqualTo(InputFormat.FIO_LOG);
        assertThat(s.diagnostics()).isEmpty();
        assertThat(of(s, FioEvent.Histogram.class)).extracting(FioEvent.Histogram::samples).containsExactly(8L, 8L);
    }

    @Test
    void aLineOfThousandsOfTerseFieldsIsReadOnASmallStack() throws Exception {
        String line = "2;" + "x;".repeat(100_000);
        LoadedSource s = onSmallStack(() -> TestInputs.load(dir, "many-fields.txt", line + "\n", null));
        assertThat(s.format()).isEqualTo(InputFormat.FIO_TEXT);
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.rawLines()).isEqualTo(1);
        assertThat(s.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("terse v2"));
    }

    @Test
    void aHistogramLineWithANegativeCountIsADiagnostic() {
        String good = histogramLine(1000, 0);
        String negative = histogramLine(2000, 0).replaceFirst(", 7", ", -7");
        LoadedSource s = TestInputs.load(dir, "job_clat_hist.1.log", good + "\n" + negative + "\n", "fio-log");
        assertThat(s.accountedFor()).isTrue();
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(negative.indexOf("-7") + 1);
            assertThat(d.message()).contains("column 304").contains("found -7");
        });
        assertThat(rawLines(s)).containsExactly(2);
    }
}
