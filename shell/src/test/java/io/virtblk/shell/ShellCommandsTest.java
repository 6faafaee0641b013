package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's own commands: sessions, timeline, export, set/show, source and --script. */
class ShellCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static BatchModeTest.Run run(String... args) {
        return BatchModeTest.run(args);
    }

    @Test
    void sessionsListEachRunsSessionsWithOverlaps() throws IOException {
        BatchModeTest.Run r = run("-c", "sessions 3 --json", BatchModeTest.sample());
        JsonNode rows = JSON.readTree(r.out().substring(r.out().indexOf("[ {")));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(2).get("kind").asText()).isEqualTo("io");
        assertThat(rows.get(2).get("open").asBoolean()).isTrue();
        assertThat(rows.get(2).get("overlaps").get(0).asInt()).isEqualTo(4);
        assertThat(run("-c", "sessions 1", BatchModeTest.sample()).out()).contains("191.0 ms").contains("BLKFLSBUF");
    }

    @Test
    void anEmptyAnswerSaysWhatWasProbablyMeantOnTheErrorStreamOnly() {
        // BLKFLSBUF is decoded from the call ID, never written in the sample's lines
        BatchModeTest.Run word = run("-c", "query BLKFLSBUF", BatchModeTest.sample());
        assertThat(word.code()).isZero();
        assertThat(word.out()).doesNotContain("BLKFLSBUF");
        assertThat(word.err()).contains("no events match BLKFLSBUF; 'BLKFLSBUF' is not in any message but is a value of ioctl.name: "
                + "try ioctl.name:BLKFLSBUF");
        assertThat(run("-c", "count blkflsbuf", BatchModeTest.sample()).err()).contains("try ioctl.name:BLKFLSBUF");
        assertThat(run("-c", "count ioctl.name:BLKFLSBUF", BatchModeTest.sample()).out().strip()).endsWith("4");

        BatchModeTest.Run value = run("-c", "count type:ioctls", BatchModeTest.sample());
        assertThat(value.out().strip()).endsWith("0");
        assertThat(value.err()).contains("no events match type:ioctls; nearest values of type: ioctl,");
        assertThat(run("-c", "count fio.job:virtblkiofio-02-red", BatchModeTest.sample()).err())
                .contains("nearest values of fio.job: virtblkiofio-02-read,");
        assertThat(run("-c", "count report.task:fio", BatchModeTest.sample()).err()).contains("no loaded event has a report.task");
        assertThat(run("-c", "query nosuchword", BatchModeTest.sample()).err()).contains("no events match nosuchword").doesNotContain("try");
        assertThat(run("-c", "count type:ioctl", BatchModeTest.sample()).err()).doesNotContain("no events match");
    }

    @Test
    void countNotIsEveryEventExceptAndAValueItsFieldCannotHoldIsRefused() {
        // 56 events, 4 of them ioctl; Lucene alone counted a query of only negations 0
        assertThat(run("-c", "count NOT type:ioctl", BatchModeTest.sample()).out().strip()).endsWith("52");
        assertThat(run("-c", "count -type:ioctl", BatchModeTest.sample()).out().strip()).endsWith("52");
        assertThat(run("-c", "count type:engage OR NOT type:ioctl", BatchModeTest.sample()).out().strip()).endsWith("52");
        BatchModeTest.Run decimal = run("-c", "count line:[1.5 TO 2]", BatchModeTest.sample());
        assertThat(decimal.code()).isEqualTo(1);
        assertThat(decimal.err()).contains("count: query:7: line holds whole numbers; 1.5 is not one\n  line:[1.5 TO 2]\n        ^");
    }

    @Test
    void timelineMarksTheStallAndFitsTheWidth() {
        String out = run("-c", "timeline 3 --width 80", BatchModeTest.sample()).out();
        List<String> bars = out.lines().filter(l -> l.startsWith("  #")).toList();
        assertThat(bars).hasSize(4).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(bars.get(3)).contains("X").contains("never released");
        assertThat(bars.get(2)).contains("B");
    }

    @Test
    void exportWritesJsonNdjsonAndCsv() throws IOException {
        Path json = dir.resolve("a.json");
        Path nd = dir.resolve("a.ndjson");
        Path csv = dir.resolve("a.csv");
        BatchModeTest.Run r = run("-c", "export json " + json + " type:ioctl", "-c", "export ndjson " + nd + " type:engage",
                "-c", "export csv " + csv + " type:ioctl", BatchModeTest.sample());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(json.toFile())).hasSize(4);
        assertThat(Files.readAllLines(nd)).hasSize(8).allSatisfy(l -> assertThat(l).startsWith("{").contains("\"type\":\"engage\""));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.getFirst()).startsWith("source,line,end_line,type,time,mono").endsWith(",raw");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1)).contains(",38,38,ioctl,2016-11-11T04:25:30,67315.571938,").contains("0x00001261").contains("BLKFLSBUF")
                .as("whole numbers print whole").contains(",BLKFLSBUF,none,0,0x12,97,");
        assertThat(run("-c", "export xml " + csv, BatchModeTest.sample()).err()).contains("use one of: json, ndjson, csv");
    }

    @Test
    void setAndShowChangeFormatLimitAndTimezone() throws IOException {
        BatchModeTest.Run r = run("-c", "set format json", "-c", "jobs", BatchModeTest.sample());
        assertThat(r.out()).contains("\"job\" : \"virtblkiofio-00-read\"");
        BatchModeTest.Run tz = run("-c", "set timezone Europe/Berlin", "-c", "query type:ioctl --json --limit 1", BatchModeTest.sample());
        JsonNode hit = JSON.readTree(tz.out().substring(tz.out().indexOf("[ {"))).get(0);
        assertThat(hit.get("fields").get("time").asText()).isEqualTo("2016-11-11T05:25:30+01:00");
        BatchModeTest.Run limit = run("-c", "set limit 2", "-c", "events", BatchModeTest.sample());
        assertThat(limit.out()).contains("... 54 more");
        assertThat(run("-c", "show").out()).contains("format").contains("timezone as-written").contains("pager");
        BatchModeTest.Run bad = run("-c", "set colour on");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown option: colour").contains("color");
    }

    @Test
    void scriptsRunTheirCommandsAndNameTheFailingLine() throws IOException {
        Path ok = dir.resolve("ok.vbs");
        Files.writeString(ok, "# load and count\nload " + BatchModeTest.sample() + "\n\ncount type:ioctl\n");
        BatchModeTest.Run r = run("--script", ok.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).endsWith("4\n");
        Path bad = dir.resolve("bad.vbs");
        Files.writeString(bad, "load " + BatchModeTest.sample() + "\ncount ioctl.nam:x\ncount type:ioctl\n");
        BatchModeTest.Run failed = run("--script", bad.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains(bad + ":2: count: query:1: unknown field 'ioctl.nam'");
        assertThat(failed.out()).doesNotContain("\n4\n");
        BatchModeTest.Run sourced = run("-c", "source " + ok);
        assertThat(sourced.out()).endsWith("4\n");
    }

    @Test
    void anInterruptedExportSaysHowMuchTheFileHolds() throws IOException {
        Path csv = dir.resolve("cut.csv");
        java.io.StringWriter sink = new java.io.StringWriter();
        try (Session session = new Session(new java.io.PrintWriter(sink), new java.io.PrintWriter(sink))) {
            session.store().load(BatchModeTest.sample());
            Thread.currentThread().interrupt(); // what Ctrl-C does to the command's thread
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Commands().execute("export csv " + csv + " *", session))
                        .isInstanceOf(java.util.concurrent.CancellationException.class)
                        .hasMessage("export to " + csv + " stopped after 0 event(s); the file holds those");
            } finally {
                Thread.interrupted();
            }
        }
        assertThat(Files.readAllLines(csv)).hasSize(1).allSatisfy(l -> assertThat(l).startsWith("source,line,end_line,type"));
    }
}
