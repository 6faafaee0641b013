package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.virtblk.TestInputs;
import io.virtblk.event.Event;
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
import java.util.stream.IntStream;
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

    @Test
    void aGroupStatusLineWithoutBwIoOrRunIsADiagnosticAndTheRestLoads() {
        LoadedSource s = load("fio3_group_status_damaged.txt");
        assertThat(s.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, "in run status group 0: expected 'bw=RATE (RATE), MIN-MAX (MIN-MAX)' in this line, found no 'bw='"),
                org.assertj.core.groups.Tuple.tuple(6, "in run status group 1: expected 'io=SIZE (SIZE)' in this line, found no 'io='"),
                org.assertj.core.groups.Tuple.tuple(8, "in run status group 2: expected 'run=MIN-MAXmsec' in this line, found no 'run='"));
        assertThat(s.diagnostics()).allSatisfy(d -> assertThat(d.column()).isGreaterThan(40));
        assertThat(rawLines(s)).containsExactly(4, 6, 8);
        List<FioEvent.GroupStatus> groups = of(s, FioEvent.GroupStatus.class);
        assertThat(groups).extracting(FioEvent.GroupStatus::group).containsExactly(0, 1, 2);
        assertThat(groups.get(2).dirs()).singleElement().satisfies(d -> assertThat(d.dir()).isEqualTo("write"));
        // a group's bad line is kept after the group, which starts above it
        List<Event> events = s.events();
        assertThat(events.indexOf(groups.get(0))).isLessThan(events.indexOf(events.stream().filter(e -> e instanceof RawLine).findFirst().get()));
    }

    @Test
    void aCorruptByteInsideRunIsADiagnosticNotACrash() {
        LoadedSource s = load("fio3_corrupt_byte_in_run.txt");
        String line = "   READ: bw=357MiB/s (375MB/s), 357MiB/s-357MiB/s (375MB/s-375MB/s), io=1072MiB (1124MB), run=3001";
        assertThat(s.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                hostile("fio3_corrupt_byte_in_run.txt") + ":4:" + (line.indexOf("run=") + 1)
                        + ": in run status group 0: expected 'run=MIN-MAXmsec', found 'run=3001\uFFFD3001msec'",
                hostile("fio3_corrupt_byte_in_run.txt") + ":4:" + (line.length() + 1) + ": invalid UTF-8 (byte 0xad); replaced with U+FFFD");
        assertThat(rawLines(s)).containsExactly(4);
        assertThat(s.eventsByType()).containsEntry("fio_group", 1).containsEntry("fio_disk", 1);
    }

    @Test
    void aResultLineWithoutItsBandwidthOrSizeIsADiagnosticAndTheResultLoads() {
        LoadedSource s = load("fio3_result_lines_damaged.txt");
        assertThat(s.diagnostics()).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, "in the result of job 'a': expected 'BW=RATE (RATE)(SIZE/TIME)' in this line, found no 'BW='"),
                org.assertj.core.groups.Tuple.tuple(10, "in the result of job 'b': expected 'BW=RATE (RATE)(SIZE/TIME)', found 'BW=357MiB/s (375MB/s)'"),
                org.assertj.core.groups.Tuple.tuple(16, "in the result of job 'c': expected 'IOPS=N, BW=RATE (RATE)(SIZE/TIME)' (fio 3) or "
                        + "'io=SIZE, bw=RATE, iops=N, runt=TIME' (fio 2) in this line, found neither 'IOPS=' nor 'io='"));
        assertThat(s.diagnostics().get(1).column()).isEqualTo("  read: IOPS=91.5k, ".length() + 1);
        assertThat(rawLines(s)).containsExactly(4, 10, 16);
        assertThat(of(s, FioEvent.JobResult.class)).hasSize(3).allSatisfy(r -> {
            assertThat(r.dirs()).extracting(FioEvent.DirResult::dir).containsExactly("write");
            assertThat(r.dirs().getFirst().runtimeMs()).isEqualTo(3001);
        });
    }

    /**
     * A {@code submit :} line of 140 KB loaded, but the shell's {@code jobs} and {@code export}
     * could not read the stored result back: a depth name over 50,000 characters became a JSON
     * name past Jackson's read limit. The reader refuses such a line; what it keeps reads back.
     */
    @Test
    void aSubmitLineOf140KilobytesIsRefusedAndTheResultReadsBack() throws IOException {
        String head = """
                fio-3.33

                randread: (groupid=0, jobs=1): err= 0: pid=11021: Thu Nov 26 06:10:13 2026
                  read: IOPS=91.5k, BW=357MiB/s (375MB/s)(1072MiB/3001msec)
                  cpu          : usr=5.60%, sys=31.40%, ctx=17154, majf=0, minf=28
                  IO depths    : 1=0.1%, 2=0.1%, 4=0.1%, 8=0.1%, 16=100.0%, 32=0.0%, >=64=0.0%
                """;
        String tail = """
                     complete  : 0=0.0%, 4=100.0%, 8=0.0%, 16=0.1%, 32=0.0%, 64=0.0%, >=64=0.0%
                     issued rwts: total=274448,0,0,0 short=0,0,0,0 dropped=0,0,0,0
                """;
        String prefix = "     submit    : 0=0.0%, ";
        String longName = prefix + "4".repeat(140_000) + "=100.0%, 8=0.0%";
        String longValue = prefix + "4=" + "1".repeat(140_000) + "%, 8=0.0%";
        String many = prefix + String.join(", ", IntStream.range(0, 14_000).mapToObj(i -> (8 + i) + "=0.0%").toList());
        // as the store writes a result and reads it back (EventJson): Jackson's default read limits
        ObjectMapper json = JsonMapper.builder().disable(MapperFeature.REQUIRE_HANDLERS_FOR_JAVA8_TIMES).build();
        for (String submit : List.of(longName, longValue, many)) {
            LoadedSource s = TestInputs.load(dir, "submit.txt", head + submit + "\n" + tail, null);
            assertThat(s.accountedFor()).isTrue();
            assertThat(rawLines(s)).containsExactly(7);
            assertThat(s.diagnostics()).filteredOn(d -> d.message().startsWith("in the result of job 'randread'")).singleElement()
                    .satisfies(d -> {
                        assertThat(d.line()).isEqualTo(7);
                        assertThat(d.column()).isGreaterThan(prefix.length() - 2);
                        assertThat(d.message()).containsAnyOf("field name of at most 64 characters", "a number below 10^308",
                                "at most 64 I/O depths");
                    });
            FioEvent.JobResult r = of(s, FioEvent.JobResult.class).getFirst();
            assertThat(r.submit()).isNull();
            assertThat(r.complete()).containsEntry("4", 100.0);
            assertThat(json.readTree(json.writeValueAsString(r)).path("job").asText()).isEqualTo("randread");
        }
    }

    /** The job result left before the disk stats field was read, and the line was also kept raw: counted typed and raw. */
    @Test
    void aTerseLineWithABadFieldIsCountedOnceAsOneRawLine() throws IOException {
        LoadedSource s = load("terse_v3_letter_in_disk_ticks.txt");
        assertThat(s.lines()).isEqualTo(2);
        assertThat(s.typedLines()).isEqualTo(1);
        assertThat(s.rawLines()).isEqualTo(1);
        assertThat(rawLines(s)).containsExactly(1);
        assertThat(s.events()).filteredOn(e -> !(e instanceof RawLine)).allSatisfy(e -> assertThat(e.at().line()).isEqualTo(2));
        String line = Files.readAllLines(hostile("terse_v3_letter_in_disk_ticks.txt")).getFirst();
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(line.indexOf(";O;") + 2);
            assertThat(d.message()).isEqualTo("terse v3 line: expected a number in field 128, found 'O'");
        });
    }

    private static String lineOf(String name, int number) throws IOException {
        // split at LF only, as LineReader does: a bare CR stays inside its line
        return Files.readString(hostile(name)).split("\n", -1)[number - 1];
    }

    /**
     * Jackson counts a bare CR as a line end and our lines do not, so its line numbers ran past
     * the document's last line (IndexOutOfBoundsException). Positions now come from character
     * offsets: the duplicate key after three CRs is reported where it is.
     */
    @Test
    void aBareCrInsideFioJsonIsNotALineEnd() throws IOException {
        LoadedSource s = load("json_bare_cr.json");
        assertThat(s.lines()).isEqualTo(9);
        FioEvent.JobResult r = of(s, FioEvent.JobResult.class).getFirst();
        assertThat(r.at().line()).isEqualTo(4);
        assertThat(r.at().endLine()).isEqualTo(7);
        assertThat(r.group()).isZero();
        assertThat(r.dirs().getFirst().ioBytes()).isEqualTo(4096);
        String line = lineOf("json_bare_cr.json", 5);
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(5);
            assertThat(d.column()).isEqualTo(line.lastIndexOf("\"groupid\"") + 1);
            assertThat(d.message()).isEqualTo("fio JSON at /jobs/0/groupid: duplicate key 'groupid' in one object; the first value is kept, "
                    + "this one is ignored");
        });
    }

    @Test
    void aJsonPlusBinThatIsNotALatencyIsADiagnosticAndTheOtherBinsLoad() throws IOException {
        LoadedSource s = load("jsonplus_bins_not_a_latency.json");
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(19);
            assertThat(d.column()).isEqualTo(lineOf("jsonplus_bins_not_a_latency.json", 19).indexOf("\"bw\"") + 1);
            assertThat(d.message()).isEqualTo("fio JSON at /jobs/0/read/clat_ns/bins/bw: expected a latency bucket in nanoseconds "
                    + "(a whole number) as the key of a JSON+ bin, found 'bw'");
        });
        assertThat(of(s, FioEvent.JobResult.class).getFirst().dirs().getFirst().clatBins()).containsExactly(java.util.Map.entry("36.352", 1L));
    }

    /** asLong() wrapped a 35-digit io_bytes and turned -2^63-1 into 2^63-1; such a value is now reported and left out. */
    @Test
    void aJsonNumberOutOfRangeIsADiagnosticAndLeftOut() throws IOException {
        LoadedSource s = load("json_number_out_of_range.json");
        assertThat(s.diagnostics()).extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8, lineOf("json_number_out_of_range.json", 8).indexOf("1234") + 1,
                        "fio JSON at /jobs/0/read/io_bytes: expected a whole number from -2^63 to 2^63-1, found "
                                + "'12345678901234567890123456789012345' (35 characters); the value is left out"),
                org.assertj.core.groups.Tuple.tuple(10, lineOf("json_number_out_of_range.json", 10).indexOf("-9") + 1,
                        "fio JSON at /jobs/0/read/runtime: expected a whole number from -2^63 to 2^63-1, found "
                                + "'-9223372036854775809' (20 characters); the value is left out"));
        FioEvent.DirResult read = of(s, FioEvent.JobResult.class).getFirst().dirs().getFirst();
        assertThat(read.ioBytes()).isNull();
        assertThat(read.runtimeMs()).isNull();
        assertThat(read.iops()).isEqualTo(1000.0);
    }

    @Test
    void aDuplicateJsonKeyIsADiagnosticAndTheFirstValueIsKept() throws IOException {
        LoadedSource s = load("json_duplicate_keys.json");
        assertThat(s.diagnostics()).extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10, 9, "fio JSON at /jobs/0/read/runtime: duplicate key 'runtime' in one object; "
                        + "the first value is kept, this one is ignored"),
                org.assertj.core.groups.Tuple.tuple(15, 3, "fio JSON at /fio version: duplicate key 'fio version' in one object; "
                        + "the first value is kept, this one is ignored"));
        assertThat(of(s, FioEvent.JobResult.class).getFirst().dirs().getFirst().runtimeMs()).isEqualTo(3001);
        assertThat(of(s, FioEvent.Version.class)).singleElement().satisfies(v -> assertThat(v.version()).isEqualTo("3.33"));
        // the ignored top-level member is kept raw; the ignored inner one is part of its job's lines
        assertThat(rawLines(s)).containsExactly(15);
    }

    /** Jackson's depth limit comes without a location; the diagnostic said line 1, column 0. */
    @Test
    void jsonNestedTooDeepIsReportedWhereTheLimitIsPassed() throws IOException {
        LoadedSource s = load("json_nested_too_deep.json");
        String line = lineOf("json_nested_too_deep.json", 6);
        assertThat(s.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(6);
            // the root object, the jobs array, the job and its options are four levels: the 997th '[' is the 1001st
            assertThat(d.column()).isEqualTo(line.indexOf('[') + 996 + 1);
            assertThat(d.message()).startsWith("fio JSON at /jobs/0/job options/x/0/0/").contains("nesting depth (1001)")
                    .doesNotContain("StreamReadConstraints");
            assertThat(d.message().length()).isLessThan(250);
        });
        assertThat(s.eventsByType()).containsEntry("fio_version", 1).containsEntry("raw", 8);
    }
}

