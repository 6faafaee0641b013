package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code triage} and the kernel's reports in {@code check}: a log that holds crashes never passes
 * as "completed"; the exit codes say what kind of trouble it was; the JSON is the contract.
 */
class TriageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String reportsSample() {
        return Path.of(System.getProperty("virtblk.root", ".."), "samples", "001_kernel_reports.log").toString();
    }

    static String examples(String name) {
        return Path.of(System.getProperty("virtblk.root", ".."), "grammar/src/test/resources/reports", name).toString();
    }

    /** {@code virtblk-shell triage --memory ARGS}. */
    static BatchModeTest.Run runTriage(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("triage", "--memory"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err, true));
        return new BatchModeTest.Run(code, out.toString(), err.toString());
    }

    @Test
    void triageJsonHasTheContractFieldsInLogOrder() throws IOException {
        BatchModeTest.Run r = runTriage("--json", reportsSample());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode sources = JSON.readTree(r.out()).path("sources");
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0).path("source").asText()).isEqualTo(reportsSample());
        JsonNode reports = sources.get(0).path("reports");
        assertThat(reports).hasSize(2);
        for (JsonNode rep : reports) {
            assertThat(rep.fieldNames()).toIterable().contains("title", "alt_titles", "type", "line", "end_line", "frame", "corrupted",
                    "panicked", "task", "pid", "cpu");
        }
        JsonNode first = reports.get(0);
        assertThat(first.path("title").asText()).isEqualTo("possible deadlock in blk_mq_freeze_queue_wait");
        assertThat(first.path("type").asText()).isEqualTo("LOCKDEP");
        assertThat(first.path("frame").asText()).isEqualTo("blk_mq_freeze_queue_wait");
        assertThat(first.path("line").asInt()).isEqualTo(7);
        assertThat(first.path("end_line").asInt()).isEqualTo(51);
        assertThat(first.path("task").asText()).isEqualTo("mydrv_ctl");
        assertThat(first.path("pid").asInt()).isEqualTo(2291);
        assertThat(first.path("cpu").asInt()).isEqualTo(1);
        assertThat(first.path("corrupted").asBoolean()).isFalse();
        JsonNode second = reports.get(1);
        assertThat(second.path("title").asText()).isEqualTo("general protection fault in mydrv_complete_cmd");
        assertThat(second.path("alt_titles")).extracting(JsonNode::asText).containsExactly("bad-access in mydrv_complete_cmd");
        assertThat(second.path("type").asText()).isEqualTo("DoS");
        assertThat(second.path("panicked").asBoolean()).isTrue();
        assertThat(second.path("line").asInt()).isLessThan(second.path("end_line").asInt());
    }

    @Test
    void triageTextIsOneLinePerReportThenTheGuiltyFrameInContext() {
        BatchModeTest.Run r = runTriage(reportsSample());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(reportsSample() + ":7 LOCKDEP possible deadlock in blk_mq_freeze_queue_wait\n")
                .contains(reportsSample() + ":53 DoS general protection fault in mydrv_complete_cmd  - then the kernel panicked\n")
                .containsPattern(">\\s+57\\s+\\[ *816\\.\\d+\\] RIP: 0010:mydrv_complete_cmd")
                .containsPattern(">\\s+44\\s+\\[ *813\\.\\d+\\]  blk_mq_freeze_queue_wait\\+0x47/0x90");
    }

    @Test
    void triageAtThePromptNamesSourcesByFileName() {
        BatchModeTest.Run r = BatchModeTest.run("-c", "load " + reportsSample(), "-c", "load " + BatchModeTest.sample(),
                "-c", "triage 001_kernel_reports.log", "-c", "triage 000_session.txt", "-c", "count type:report AND report.class:crash");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 kernel reports; the first is the primary one")
                .contains("000_session.txt: no kernel reports")
                .endsWith("1\n");
    }

    @Test
    void checkNeverCallsACrashedKernelCompleted() throws IOException {
        BatchModeTest.Run r = BatchModeTest.runCheck("--json", reportsSample());
        assertThat(r.code()).as("exit 4: the kernel reported bugs, nothing stalled").isEqualTo(4);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("runs")).isEmpty();
        assertThat(json.path("reports")).hasSize(2);
        assertThat(json.path("reports").get(0).path("source").asText()).isEqualTo(reportsSample());
        assertThat(json.path("reports").get(1).path("title").asText()).isEqualTo("general protection fault in mydrv_complete_cmd");
        BatchModeTest.Run text = BatchModeTest.runCheck(reportsSample());
        assertThat(text.out()).contains("no device sessions: nothing to replay").doesNotContain("COMPLETED");
    }

    @Test
    void checkExitCodesSayWhatKindOfTroubleItWas() throws IOException {
        assertThat(BatchModeTest.runCheck(BatchModeTest.sample()).code()).as("a run stalled").isEqualTo(3);
        assertThat(BatchModeTest.runCheck(examples("hung_task_blk_mq_get_tag.log")).code()).as("the kernel reported a hung task").isEqualTo(3);
        assertThat(BatchModeTest.runCheck(examples("rcu_stall_self_detected.log")).code()).as("an RCU stall").isEqualTo(3);
        assertThat(BatchModeTest.runCheck(examples("kasan_use_after_free.log")).code()).as("a sanitizer report").isEqualTo(4);
        assertThat(BatchModeTest.runCheck(examples("warning_at_file_line.log")).code()).as("a warning").isEqualTo(4);
        assertThat(BatchModeTest.runCheck(examples("null_deref_with_panic.log")).code()).as("an oops and a panic").isEqualTo(4);
        Path quiet = dir.resolve("quiet.log");
        Files.writeString(quiet, "[    1.000000] usb 1-1: new device\n[    2.000000] EXT4-fs (vda1): mounted filesystem\n"
                + "[    3.000000] EXT4-fs warning (device vda1): ext4_end_bio:343: I/O error 10 writing to inode 12 starting block 8806\n"
                + "[    4.000000] ACPI Warning: SystemIO range conflicts with OpRegion (20230628/utaddress-204)\n[    5.000000] systemd[1]: warning: ignoring the word BUG in this sentence\n");
        BatchModeTest.Run clean = BatchModeTest.runCheck(quiet.toString());
        assertThat(clean.code()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("no device sessions: nothing to replay").contains("the kernel reported nothing");
    }

    @Test
    void aHangReportGoesIntoTheStallsExplanationAndJson() throws IOException {
        Path log = dir.resolve("stall.log");
        Files.writeString(log, Files.readString(Path.of(System.getProperty("virtblk.root", ".."),
                "replay/src/test/resources/traces/bare_dmesg_soft_lockup_after_the_stall.txt")));
        BatchModeTest.Run r = BatchModeTest.runCheck("--json", log.toString());
        assertThat(r.code()).isEqualTo(3);
        JsonNode stall = JSON.readTree(r.out()).path("runs").get(0).path("stall");
        assertThat(stall.path("report").asText()).startsWith("BUG: soft lockup in");
        assertThat(stall.path("explanation").asText()).contains("The kernel reported it as: BUG: soft lockup in");
    }

    @Test
    void aUsersReportKindsFileIsReadWithReports() throws IOException {
        Path kinds = dir.resolve("mydrv.json");
        Files.writeString(kinds, """
                {"kinds": [{"id": "mydrv_fatal", "header": "mydrv: FATAL", "formats": [
                   {"match": "mydrv: FATAL: (.*)", "title": "mydrv fatal: {1}", "no_stack_trace": true}]}],
                 "types": [{"prefixes": ["mydrv fatal"], "type": "DRIVER", "class": "crash"}]}
                """);
        Path log = dir.resolve("fatal.log");
        Files.writeString(log, "[   10.000000] mydrv: FATAL: controller is gone\n");
        assertThat(BatchModeTest.runCheck(log.toString()).code()).as("unknown to the shipped kinds").isZero();
        BatchModeTest.Run r = runTriage("--reports", kinds.toString(), log.toString());
        assertThat(r.out()).contains(log + ":1 DRIVER mydrv fatal: controller is gone");
        assertThat(BatchModeTest.runCheck("--reports", kinds.toString(), log.toString()).code()).isEqualTo(4);
        Files.writeString(kinds, "{\"kinds\": [{\"id\": \"x\", \"header\": \"x\", \"formats\": [{\"match\": \"(\", \"title\": \"x\"}]}]}");
        BatchModeTest.Run bad = runTriage("--reports", kinds.toString(), log.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains(kinds + ":1:").contains("kinds[0].formats[0].match: not a valid regular expression");
    }
}
