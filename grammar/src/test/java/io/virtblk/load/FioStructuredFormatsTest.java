package io.virtblk.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.TestInputs;
import io.virtblk.event.FioEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio's JSON, JSON+, terse and log files read into the same events as its text output. On every
 * normal,json file of fio-3.33 (one run, both formats) the two readers must agree to the text's
 * rounding; the JSON reader must give exactly what the document says.
 */
class FioStructuredFormatsTest {

    @TempDir
    Path dir;

    private static Path corpus() {
        Path c = TestInputs.corpus();
        assumeTrue(Files.isDirectory(c), "no corpus at " + c);
        return c;
    }

    private static <T> List<T> of(LoadedSource s, Class<T> type) {
        return s.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @TestFactory
    Stream<DynamicTest> textAndJsonReadersAgreeOnEveryNormalJsonRun() throws IOException {
        List<Path> twins;
        try (Stream<Path> files = Files.walk(corpus().resolve("fio-3.33"))) {
            twins = files.filter(p -> p.toString().endsWith(".normal_json.txt")).sorted().toList();
        }
        assertThat(twins).hasSize(10);
        return twins.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            LoadedSource s = TestInputs.load(f);
            assertThat(s.diagnostics()).isEmpty();
            List<FioEvent.JobResult> all = of(s, FioEvent.JobResult.class);
            // the JSON document comes first in these files, the text report after it
            int half = all.size() / 2;
            assertThat(all).hasSize(half * 2);
            for (int i = 0; i < half; i++) {
                FioEvent.JobResult json = all.get(i);
                FioEvent.JobResult text = all.get(half + i);
                assertThat(json.job()).isEqualTo(text.job());
                assertThat(json.startTime()).as("start time, for recognising the same run").isEqualTo(text.startTime());
                assertThat(json.dirs()).extracting(FioEvent.DirResult::dir).containsExactlyElementsOf(
                        text.dirs().stream().map(FioEvent.DirResult::dir).toList());
                for (int d = 0; d < text.dirs().size(); d++) {
                    FioEvent.DirResult t = text.dirs().get(d);
                    FioEvent.DirResult j = json.dirs().get(d);
                    assertThat(t.runtimeMs()).isEqualTo(j.runtimeMs());
                    assertThat(t.iops()).isCloseTo(j.iops(), org.assertj.core.data.Offset.offset(Math.max(1.0, j.iops() / 100)));
                    assertThat(t.bwBytesPerS()).isCloseTo(j.bwBytesPerS(), org.assertj.core.data.Offset.offset(Math.max(1024.0, j.bwBytesPerS() / 100)));
                    if (t.clatPercentiles() != null) {
                        for (var p : t.clatPercentiles().entrySet()) {
                            double jv = j.clatPercentiles().get(p.getKey());
                            assertThat(p.getValue()).as("p" + p.getKey()).isCloseTo(jv, org.assertj.core.data.Offset.offset(Math.max(1.0, jv / 100)));
                        }
                    }
                }
            }
        }));
    }

    @Test
    void theJsonReaderGivesExactlyWhatTheDocumentSays() throws IOException {
        Path f = corpus().resolve("fio-3.33/s03_randrw70_libaio/s03_randrw70_libaio.json");
        JsonNode doc = new ObjectMapper().readTree(f.toFile());
        LoadedSource s = TestInputs.load(f);
        assertThat(s.accountedFor()).isTrue();
        FioEvent.JobResult r = of(s, FioEvent.JobResult.class).getFirst();
        JsonNode read = doc.path("jobs").get(0).path("read");
        FioEvent.DirResult d = r.dirs().getFirst();
        assertThat(d.iops()).isEqualTo(read.path("iops").asDouble());
        assertThat(d.ioBytes()).isEqualTo(read.path("io_bytes").asLong());
        assertThat(d.bwBytesPerS()).isEqualTo(read.path("bw_bytes").asDouble());
        assertThat(d.runtimeMs()).isEqualTo(read.path("runtime").asLong());
        assertThat(d.clat().avg()).isCloseTo(read.path("clat_ns").path("mean").asDouble() / 1000, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.clatPercentiles().get("99.00")).isEqualTo(read.path("clat_ns").path("percentile").path("99.000000").asDouble() / 1000);
        assertThat(of(s, FioEvent.JobHeader.class).getFirst().rw()).isEqualTo("randrw");
        assertThat(of(s, FioEvent.DiskStats.class).getFirst().device()).isEqualTo("vda");
        assertThat(r.at().endLine() - r.at().line()).isGreaterThan(100);
    }

    @Test
    void jsonPlusKeepsTheLatencyBins() throws IOException {
        LoadedSource s = TestInputs.load(corpus().resolve("fio-3.33/s01_randread_libaio/s01_randread_libaio.jsonplus.json"));
        FioEvent.DirResult d = of(s, FioEvent.JobResult.class).getFirst().dirs().getFirst();
        assertThat(d.clatBins()).isNotEmpty();
        long total = d.clatBins().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isPositive();
    }

    @Test
    void everyPublicJsonOfEveryFioVersionLoads() throws IOException {
        for (String f : List.of("PerfKitBenchmarker__fio-parser-sample-result.json", "PerfKitBenchmarker__pkb-7fb0c9d8-0_fio.json",
                "VirtualClient__FIOExample.txt", "VirtualClient__TestFioJsonWithError.txt",
                "styliteag_fio-analyzer__fio_results_example_readwrite.json")) {
            LoadedSource s = TestInputs.load(corpus().resolve("fio-public").resolve(f));
            assertThat(s.format()).as(f).isEqualTo(InputFormat.FIO_TEXT);
            assertThat(s.eventsByType().getOrDefault("fio_result", 0)).as(f).isPositive();
            assertThat(s.diagnostics()).as(f).isEmpty();
            assertThat(s.accountedFor()).isTrue();
        }
        LoadedSource withError = TestInputs.load(corpus().resolve("fio-public/VirtualClient__TestFioJsonWithError.txt"));
        assertThat(of(withError, FioEvent.JobResult.class).getFirst().err()).isEqualTo(42);
        assertThat(withError.eventsByType()).containsKey("fio_notice");
    }

    @Test
    void terseVersionsTwoToFive() throws IOException {
        Path d = corpus().resolve("fio-3.33/s03_randrw70_libaio");
        for (var e : Map.of("terse_v2", 2, "terse", 2, "terse_v4", 2, "terse_v5", 2).entrySet()) {
            LoadedSource s = TestInputs.load(d.resolve("s03_randrw70_libaio." + e.getKey() + ".txt"));
            FioEvent.JobResult r = of(s, FioEvent.JobResult.class).getFirst();
            assertThat(r.job()).isEqualTo("mixed7030");
            assertThat(r.dirs()).extracting(FioEvent.DirResult::dir).containsExactly("read", "write");
            assertThat(r.dirs().getFirst().clatPercentiles()).containsKey("99.00");
            assertThat(r.cpu().ctx()).isPositive();
            assertThat(s.diagnostics()).isEmpty();
        }
        LoadedSource v5 = TestInputs.load(d.resolve("s03_randrw70_libaio.terse_v5.txt"));
        assertThat(of(v5, FioEvent.JobResult.class).getFirst().dirs().getFirst().iopsSamples()).isNotNull();
        assertThat(of(v5, FioEvent.DiskStats.class).getFirst().device()).isEqualTo("vda");
        LoadedSource mixed = TestInputs.load(corpus().resolve("fio-public/hikalium_bench__result_2408X01456JF.txt"));
        assertThat(mixed.eventsByType().get("fio_result")).isEqualTo(8 + 7);
    }

    @Test
    void aSavedStderrOfFioNoticesIsFioOutput() throws IOException {
        // all fio wrote to stderr when the disk filled: one notice line
        LoadedSource s = TestInputs.load(corpus().resolve("fio-3.33/s08_error_enospc/s08_error_enospc.terse.txt.stderr"));
        assertThat(s.format()).isEqualTo(InputFormat.FIO_TEXT);
        assertThat(s.diagnostics()).isEmpty();
        FioEvent.Notice n = of(s, FioEvent.Notice.class).getFirst();
        assertThat(n.kind()).isEqualTo(FioEvent.NoticeKind.ERROR);
        assertThat(n.text()).startsWith("io_u error on file /tmp/fiotest/small/fill-small-tmpfs.0.0: No space left on device");
        LoadedSource stuck = TestInputs.load(dir, "stderr.txt", """
                fio: terminating on signal 2
                fio: job 'virtblkiofio-02-read' hasn't exited in 60 seconds, it appears to be stuck. Doing forceful exit of this job.
                """, null);
        assertThat(stuck.format()).isEqualTo(InputFormat.FIO_TEXT);
        assertThat(of(stuck, FioEvent.Notice.class)).extracting(FioEvent.Notice::kind)
                .containsExactly(FioEvent.NoticeKind.SIGNAL, FioEvent.NoticeKind.JOB_STUCK);
    }

    @Test
    void logFilesBecomeSamples() throws IOException {
        LoadedSource s = TestInputs.load(corpus().resolve("fio-3.33/s09_logs/logs/perio_clat.1.log"));
        assertThat(s.format()).isEqualTo(InputFormat.FIO_LOG);
        List<FioEvent.Sample> samples = of(s, FioEvent.Sample.class);
        assertThat(samples).hasSize(1024);
        assertThat(samples.getFirst().kind()).isEqualTo("clat");
        assertThat(samples.getFirst().log()).isEqualTo("perio");
        assertThat(samples.getFirst().blockSize()).isEqualTo(4096);
    }

    @Test
    void histogramLogLinesBecomePercentiles() throws IOException {
        LoadedSource s = TestInputs.load(corpus().resolve("fio-public/PerfKitBenchmarker__pkb_fio_avg_1506559526.49_clat_hist.1.log"));
        assertThat(s.format()).isEqualTo(InputFormat.FIO_LOG);
        assertThat(s.diagnostics()).isEmpty();
        List<FioEvent.Histogram> lines = of(s, FioEvent.Histogram.class);
        assertThat(lines).hasSize(9);
        FioEvent.Histogram first = lines.getFirst();
        assertThat(first.kind()).isEqualTo("clat_hist");
        assertThat(first.log()).isEqualTo("PerfKitBenchmarker__pkb_fio_avg_1506559526.49");
        assertThat(first.timeMs()).isEqualTo(1001);
        assertThat(first.blockSize()).isEqualTo(16384);
        // the same run's JSON (fio 2.17): 8087 read IOPS, clat p50 96 µs, p99 1352 µs, max 12176 µs
        assertThat(first.samples()).isEqualTo(8325);
        assertThat(first.percentilesUs()).containsEntry("50.00", 75.0).containsEntry("99.00", 1192.0);
        assertThat(lines.stream().mapToLong(FioEvent.Histogram::samples).sum()).isEqualTo(39_663);
        for (FioEvent.Histogram h : lines) {
            var p = h.percentilesUs();
            assertThat(p.get("50.00")).isLessThanOrEqualTo(p.get("90.00"));
            assertThat(p.get("99.00")).isBetween(p.get("90.00"), p.get("99.90"));
            assertThat(p.get("99.99")).isLessThanOrEqualTo(h.maxUs());
            // no interval saw a slower I/O than the run's max, give or take a bucket (1/64)
            assertThat(h.maxUs()).isLessThanOrEqualTo(12_176 * (1 + 1 / 64.0));
        }

        LoadedSource bad = TestInputs.load(dir, "x_clat_hist.1.log", "1000, 0, 4096" + ", 1".repeat(100) + "\n"
                + "2000, 1, 4096" + ", 0".repeat(1215) + ", 3\n", null);
        assertThat(bad.format()).isEqualTo(InputFormat.FIO_LOG);
        assertThat(bad.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("1216 (fio 2) or 1856 (fio 3) bucket counts").contains("found 103 columns");
        });
        assertThat(of(bad, FioEvent.Histogram.class)).singleElement().satisfies(h -> {
            assertThat(h.samples()).isEqualTo(3);
            assertThat(h.dir()).isEqualTo(1);
        });
    }

    @Test
    void brokenJsonTerseAndLogRowsAreDiagnosedAndTheRestLoads() throws IOException {
        LoadedSource json = TestInputs.load(dir, "cut.json", """
                {
                  "fio version" : "fio-3.33",
                  "jobs" : [
                    {
                      "jobname" : "a",
                      "groupid" : 0,
                      "read" : { "io_bytes" : 4096, "iops" : 1.5,
                """, null);
        assertThat(json.accountedFor()).isTrue();
        assertThat(json.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("fio JSON").contains("/jobs/0"));
        assertThat(json.eventsByType()).containsEntry("fio_version", 1);

        String terse = "3;fio-3.33;short;0;0;1;2;3";
        String goodTerse = Files.readString(corpus().resolve("fio-3.33/s01_randread_libaio/s01_randread_libaio.terse.txt")).strip();
        LoadedSource t = TestInputs.load(dir, "t.txt", goodTerse.substring(0, goodTerse.length() / 2) + "\n" + goodTerse + "\n" + terse + "\n", null);
        assertThat(t.eventsByType().get("fio_result")).isEqualTo(1);
        assertThat(t.diagnostics()).extracting(d -> d.line()).containsExactly(1, 3);
        assertThat(t.diagnostics()).allSatisfy(d -> assertThat(d.message()).contains("terse v3 line has").contains("cut off"));
        assertThat(t.rawLines()).isEqualTo(2);

        LoadedSource log = TestInputs.load(dir, "x_lat.1.log", "0, 210303, 0, 4096, 0\n1, oops, 0, 4096, 0\n2, 210000, 1, 4096, 0\n", "fio-log");
        assertThat(log.eventsByType()).containsEntry("fio_sample", 2).containsEntry("raw", 1);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(4);
            assertThat(d.message()).contains("column 2").contains("'oops'");
        });
    }
}
