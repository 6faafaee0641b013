package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One job name, several job runs (issue 14, point 6). {@code fio/two_runs_of_sequential_read.txt}
 * is two runs of the same job file appended to one log: {@code sequential_read} at line 5 (started
 * 07:00:00, p99 37 ms) and again at line 34 (started 07:05:00, p99 347 ms: the slow one).
 */
class RepeatedJobNamesTest {

    private static String twoRuns() {
        return Path.of(System.getProperty("virtblk.root", ".."), "shell/src/test/resources/fio/two_runs_of_sequential_read.txt").toString();
    }

    @Test
    void jobsRowsCarryTheRunTheLineAndTheStartTime() throws IOException {
        BatchModeTest.Run r = BatchModeTest.run("-c", "jobs", twoRuns());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.startsWith("  sequential_read ")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsPattern("\\s1\\s").contains("2026-11-26 07:00:00").endsWith("two_runs_of_sequential_read.txt:5");
        assertThat(rows.get(1)).containsPattern("\\s2\\s").contains("2026-11-26 07:05:00").endsWith("two_runs_of_sequential_read.txt:34");

        JsonNode json = JobsTableTest.json(BatchModeTest.run("-c", "jobs --json", twoRuns()));
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("run").asInt()).isEqualTo(1);
        assertThat(json.get(0).get("line").asInt()).isEqualTo(5);
        assertThat(json.get(1).get("run").asInt()).isEqualTo(2);
        assertThat(json.get(1).get("line").asInt()).isEqualTo(34);
        assertThat(json.get(1).get("start_time").asText()).isEqualTo("2026-11-26T07:05:00");
    }

    @Test
    void latencyAndHistogramNameEachRunAndTakeJobAtLineOrRun() {
        BatchModeTest.Run both = BatchModeTest.run("-c", "latency sequential_read", twoRuns());
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.out()).contains("sequential_read@5 read").contains("run 1").contains("2026-11-26 07:00:00")
                .contains("sequential_read@34 read").contains("run 2").contains("2026-11-26 07:05:00")
                .contains("2 job runs are named sequential_read: pick one with sequential_read@LINE or --run N");

        BatchModeTest.Run second = BatchModeTest.run("-c", "latency sequential_read@34", twoRuns());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("sequential_read@34 read").contains("p99=347ms").doesNotContain("sequential_read@5 ");

        BatchModeTest.Run first = BatchModeTest.run("-c", "histogram sequential_read --run 1", twoRuns());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("sequential_read@5 read").doesNotContain("@34");

        BatchModeTest.Run wrongLine = BatchModeTest.run("-c", "latency sequential_read@6", twoRuns());
        assertThat(wrongLine.code()).isEqualTo(1);
        assertThat(wrongLine.err()).contains("no result of fio job 'sequential_read' at line 6")
                .contains("sequential_read@5 (run 1").contains("sequential_read@34 (run 2");
        BatchModeTest.Run wrongRun = BatchModeTest.run("-c", "histogram sequential_read --run 3", twoRuns());
        assertThat(wrongRun.code()).isEqualTo(1);
        assertThat(wrongRun.err()).contains("no run 3 of fio job 'sequential_read'").contains("sequential_read@34 (run 2");
        BatchModeTest.Run noJob = BatchModeTest.run("-c", "latency seq_read@5", twoRuns());
        assertThat(noJob.code()).isEqualTo(1);
        assertThat(noJob.err()).contains("no fio job 'seq_read' loaded to pick a run of");
    }

    @Test
    void tabCompletesJobNamesAndTheirLines() throws IOException {
        Session session = new Session(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        new Commands().execute("load " + twoRuns(), session);
        ShellCompleter completer = new ShellCompleter(new Commands(), session);
        assertThat(complete(completer, "latency seq")).contains("sequential_read");
        assertThat(complete(completer, "histogram sequential_read@")).containsExactly("sequential_read@5", "sequential_read@34");
        assertThat(complete(completer, "latency --dir ")).contains("read", "write", "trim");
    }

    /** numjobs=4 makes four jobs of one name in one run: four jobs, not one seen four times. */
    @Test
    void theClonesOfNumjobsAreJobsOfTheirOwnAndATwinCopyIsNot() throws IOException {
        JsonNode json = JobsTableTest.json(BatchModeTest.run("-c", "jobs --json",
                Corpus.of("fio-3.33/s06_numjobs4_null/s06_numjobs4_null.json").toString()));
        assertThat(json).as("4 jobs, read and write each").hasSize(8);
        // the same run saved as JSON and as text in one file: still 8 rows, each seen twice
        JsonNode twin = JobsTableTest.json(BatchModeTest.run("-c", "jobs --json",
                Corpus.of("fio-3.33/s06_numjobs4_null/s06_numjobs4_null.normal_json.txt").toString()));
        assertThat(twin).hasSize(8);
        twin.forEach(row -> assertThat(row.get("copies").asInt()).isEqualTo(2));
    }

    private static List<String> complete(ShellCompleter completer, String line) throws IOException {
        return ScriptedSessionTest.complete(completer, line);
    }
}
