package io.virtblk.grammar.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.event.KernelEvent;
import io.virtblk.event.ReportClass;
import io.virtblk.load.LoadedSource;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of report kinds is data: users add and override kinds in files of their own, and a bad entry is named where it is. */
class ReportRulesTest {

    @TempDir
    Path dir;

    private static final String DRIVER_FATAL = """
            [  100.000001] mydrv 0000:00:05.0: FATAL: firmware stopped answering (status 0xdead)
            [  100.000002] CPU: 1 PID: 311 Comm: kworker/1:2 Not tainted 6.6.0 #1
            [  100.000003] Call Trace:
            [  100.000004]  <TASK>
            [  100.000005]  dump_stack_lvl+0x44/0x5c
            [  100.000006]  mydrv_fw_watchdog+0x8a/0xd0 [mydrv]
            [  100.000007]  process_one_work+0x1c4/0x380
            [  100.000008]  </TASK>
            [  100.000009] usb 1-1: new device
            """;

    private static final String USER_KINDS = """
            {
              "about": "my driver's own fatal messages",
              "kinds": [
                {
                  "id": "mydrv_fatal",
                  "header": "FATAL: firmware",
                  "formats": [
                    { "match": "mydrv .*FATAL: firmware (\\\\w+)", "title": "mydrv: firmware {1} in {2}",
                      "stack": { "parts": ["{{CALL_TRACE}}", "<stack>"] } }
                  ]
                }
              ],
              "types": [ { "prefixes": ["mydrv: firmware"], "type": "DRIVER-FIRMWARE", "class": "hang" } ]
            }
            """;

    private List<KernelEvent.Report> reports(String log, ReportRules rules) throws IOException {
        Path f = dir.resolve("kern.log");
        Files.writeString(f, log);
        LoadedSource s = new SourceLoader(2026, rules).load(f.toString());
        assertThat(s.accountedFor()).isTrue();
        return s.events().stream().filter(e -> e instanceof KernelEvent.Report).map(e -> (KernelEvent.Report) e).toList();
    }

    @Test
    void theShippedTableKnowsNothingOfAnUnknownDriversMessages() throws IOException {
        assertThat(reports(DRIVER_FATAL, ReportRules.builtIn())).isEmpty();
    }

    @Test
    void aUsersFileAddsAKindWithItsTitleTypeAndClass() throws IOException {
        Path mine = dir.resolve("mydrv.json");
        Files.writeString(mine, USER_KINDS);
        List<KernelEvent.Report> r = reports(DRIVER_FATAL, ReportRules.of(List.of(mine)));
        assertThat(r).hasSize(1);
        assertThat(r.getFirst().title()).isEqualTo("mydrv: firmware stopped in mydrv_fw_watchdog");
        assertThat(r.getFirst().reportType()).isEqualTo("DRIVER-FIRMWARE");
        assertThat(r.getFirst().reportClass()).isEqualTo(ReportClass.HANG);
        assertThat(r.getFirst().kind()).isEqualTo("mydrv_fatal");
        assertThat(r.getFirst().at().endLine()).isEqualTo(8);
        assertThat(r.getFirst().task()).isEqualTo("kworker/1:2");
    }

    @Test
    void aUsersFileOverridesOrDisablesAShippedKind() throws IOException {
        String warning = """
                [   45.100000] WARNING: CPU: 0 PID: 812 at block/blk-mq.c:1252 blk_mq_start_request+0x16e/0x1a0
                [   45.100001] RIP: 0010:blk_mq_start_request+0x16e/0x1a0
                [   45.100002] Call Trace:
                [   45.100003]  mydrv_queue_rq+0x51/0x120 [mydrv]
                """;
        assertThat(reports(warning, ReportRules.builtIn())).extracting(KernelEvent.Report::title).containsExactly("WARNING in blk_mq_start_request");
        Path off = dir.resolve("off.json");
        Files.writeString(off, "{\"kinds\": [{\"id\": \"warning\", \"disabled\": true}]}");
        assertThat(reports(warning, ReportRules.of(List.of(off)))).isEmpty();
        Path mine = dir.resolve("mine.json");
        Files.writeString(mine, """
                {"kinds": [{"id": "warning", "header": "WARNING:", "formats": [
                  {"match": "WARNING: .* at {{SRC}} {{FUNC}}", "title": "warned in {2} at {1}"}]}]}
                """);
        assertThat(reports(warning, ReportRules.of(List.of(mine)))).extracting(KernelEvent.Report::title)
                .containsExactly("warned in blk_mq_start_request at block/blk-mq.c:LINE");
    }

    @Test
    void aBadEntryIsNamedByFileLineAndField() throws IOException {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, """
                {
                  "kinds": [
                    { "id": "x", "header": "X:",
                      "formats": [ { "match": "X:", "titel": "X" } ] }
                  ]
                }
                """);
        assertThatThrownBy(() -> ReportRules.of(List.of(typo))).isInstanceOf(IOException.class)
                .hasMessageStartingWith(typo + ":4:")
                .hasMessageContaining("kinds[0].formats[0]")
                .hasMessageContaining("titel");
        Path regex = dir.resolve("regex.json");
        Files.writeString(regex, """
                {"kinds": [{"id": "x", "header": "X:",
                  "formats": [{"match": "X: (unclosed", "title": "X"}]}]}
                """);
        assertThatThrownBy(() -> ReportRules.of(List.of(regex))).hasMessageStartingWith(regex + ":2:")
                .hasMessageContaining("kinds[0].formats[0].match: not a valid regular expression");
        Path macro = dir.resolve("macro.json");
        Files.writeString(macro, """
                {"kinds": [{"id": "x", "header": "X:", "formats": [{"match": "X: {{NOPE}}", "title": "X"}]}]}
                """);
        assertThatThrownBy(() -> ReportRules.of(List.of(macro))).hasMessageContaining("no macro {{NOPE}}");
        Path json = dir.resolve("broken.json");
        Files.writeString(json, "{\"kinds\": [ }");
        assertThatThrownBy(() -> ReportRules.of(List.of(json))).hasMessageStartingWith(json + ":1:").hasMessageContaining("not valid JSON");
        Path cls = dir.resolve("class.json");
        Files.writeString(cls, "{\"types\": [{\"prefixes\": [\"x\"], \"type\": \"X\", \"class\": \"fatal\"}]}");
        assertThatThrownBy(() -> ReportRules.of(List.of(cls))).hasMessageContaining("types[0].class: a class is hang, crash or bug");
    }

    @Test
    void theShippedTableLoadsAndAFingerprintTellsTablesApart() throws IOException {
        ReportRules shipped = ReportRules.builtIn();
        assertThat(shipped.kinds()).hasSizeGreaterThan(30);
        for (ReportRules.Kind k : shipped.kinds()) {
            // compiled on first use in a load: every shipped pattern must compile, and every kind say what it is for
            assertThat(k.formats()).as(k.id()).isNotEmpty();
            for (ReportRules.Format f : k.formats()) {
                if (f.stack() != null) {
                    assertThat(java.util.regex.Pattern.compile(String.join("|", f.stack().skip()).isEmpty() ? "x" : String.join("|", f.stack().skip())))
                            .isNotNull();
                }
            }
        }
        assertThat(java.util.regex.Pattern.compile(String.join("|", shipped.stack().skip()))).isNotNull();
        Path mine = dir.resolve("mydrv.json");
        Files.writeString(mine, USER_KINDS);
        assertThat(ReportRules.of(List.of(mine)).fingerprint()).isNotEqualTo(shipped.fingerprint());
        assertThat(ReportRules.of(List.of()).fingerprint()).isEqualTo(shipped.fingerprint());
    }

    @Test
    void theOomKillersCallerIsTheWholeWordBeforeItWhereverItStands() throws IOException {
        // the shipped patterns find the word by searching for it, not by backtracking from the line's end
        // (which cost microseconds per OOM line): the same word at the start, after other text, with dots
        String log = """
                [  10.000001] postgres invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0
                [  20.000001] usb 1-1: new device
                [  20.000002] usb 1-1: new device
                [  20.000003] usb 1-1: new device
                [  20.000004] usb 1-1: new device
                [  20.000005] usb 1-1: new device
                [  20.000006] usb 1-1: new device
                [  20.000007] usb 1-1: new device
                [  20.000008] usb 1-1: new device
                [  20.000009] usb 1-1: new device
                [  20.000010] usb 1-1: new device
                [  30.000001] memcg: syz-executor.0 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=1000
                """;
        List<KernelEvent.Report> rs = reports(log, ReportRules.builtIn());
        assertThat(rs).extracting(KernelEvent.Report::task).containsExactly("postgres", "syz-executor.0");
        assertThat(rs).extracting(KernelEvent.Report::title)
                .containsExactly("out of memory: postgres invoked the OOM killer", "out of memory: syz-executor invoked the OOM killer");
    }
}
