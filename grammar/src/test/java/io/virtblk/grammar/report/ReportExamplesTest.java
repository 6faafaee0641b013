package io.virtblk.grammar.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.TestInputs;
import io.virtblk.event.Event;
import io.virtblk.event.KernelEvent;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One small log per kind of kernel report ({@code src/test/resources/reports/*.log}: oops, NULL
 * dereference, page fault, GPF, KASAN, KMSAN, KCSAN, KFENCE, UBSAN, WARNING in both formats, each
 * lockdep report, hung task, soft and hard lockup, RCU stalls, panic, OOM, refcount, kmemleak,
 * sleeping in atomic context, list corruption, divide error, invalid opcode), in the shape the
 * kernel prints it; {@code titles.tsv} beside them says the type and title of each one's first
 * report. {@code oom_memcg_kill_6.18_real.log} was captured on this project's test machine (a
 * memory cgroup of 32 MB and a process that kept allocating).
 */
class ReportExamplesTest {

    static Path dir() {
        return TestInputs.root().resolve("grammar/src/test/resources/reports");
    }

    record Want(String file, String type, String title) {
    }

    static List<Want> wants() throws IOException {
        return Files.readAllLines(dir().resolve("titles.tsv"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t", 3))
                .map(p -> new Want(p[0], p[1], p[2]))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> everyKindGetsItsTitle() throws IOException {
        List<Want> wants = wants();
        try (var files = Files.list(dir())) {
            List<String> logs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList();
            assertThat(wants.stream().map(Want::file).sorted().toList()).as("every example has its title in titles.tsv").isEqualTo(logs);
        }
        return wants.stream().map(w -> DynamicTest.dynamicTest(w.file(), () -> {
            LoadedSource s = new SourceLoader(2026).load(dir().resolve(w.file()).toString());
            assertThat(s.accountedFor()).as("every line accounted for").isTrue();
            List<KernelEvent.Report> reports = s.events().stream().filter(e -> e instanceof KernelEvent.Report)
                    .map(e -> (KernelEvent.Report) e).toList();
            assertThat(reports).as("reports of " + w.file()).isNotEmpty();
            KernelEvent.Report first = reports.getFirst();
            assertThat(first.title()).as(w.file()).isEqualTo(w.title());
            assertThat(first.reportType()).as(w.file() + " type").isEqualTo(w.type());
            assertThat(first.corrupted()).as(w.file() + " corrupted: " + first.corruptedReason()).isFalse();
            assertThat(first.at().endLine()).as(w.file() + ": the report reaches its call trace").isGreaterThan(first.at().line());
            for (Event e : s.events()) {
                assertThat(e.at().line()).as("events in input order").isGreaterThanOrEqualTo(1);
            }
        }));
    }
}
