package io.virtblk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.virtblk.shell.command.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay}, {@code repro} and {@code check} as users and CI scripts call them. */
class ReplayCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String out) throws IOException {
        return JSON.readTree(out.substring(out.indexOf("{\n")));
    }

    @Test
    void replayJsonHasThePromisedShape() throws IOException {
        BatchModeTest.Run r = BatchModeTest.run("-c", "replay --json", BatchModeTest.sample());
        assertThat(r.code()).isZero();
        JsonNode d = json(r.out());
        assertThat(d.get("sources").get(0).asText()).isEqualTo(BatchModeTest.sample());
        JsonNode runs = d.get("runs");
        assertThat(runs).hasSize(3);
        for (String f : new String[] {"run", "command", "jobs", "verdict", "sessions", "io_sessions", "max_concurrent_io", "hazards", "stall"}) {
            assertThat(runs.get(0).has(f)).as(f).isTrue();
        }
        assertThat(runs.get(0).get("verdict").asText()).isEqualTo("completed");
        assertThat(runs.get(0).get("stall").isNull()).isTrue();
        JsonNode third = runs.get(2);
        assertThat(third.get("verdict").asText()).isEqualTo("stalled");
        assertThat(third.get("command").asText()).isEqualTo("$ sudo fio virtblkiofio-02-both.fio");
        assertThat(third.get("sessions").asInt()).isEqualTo(4);
        assertThat(third.get("io_sessions").asInt()).isEqualTo(2);
        assertThat(third.get("max_concurrent_io").asInt()).isEqualTo(2);
        assertThat(third.get("hazards").get(0).get("id").asText()).isEqualTo("H1");
        assertThat(third.get("hazards").get(0).get("manifest").asBoolean()).isTrue();
        assertThat(third.get("hazards").get(0).get("evidence").asText()).isNotBlank();
        JsonNode stall = third.get("stall");
        assertThat(stall.get("source").asText()).isEqualTo(BatchModeTest.sample());
        assertThat(stall.get("line").asInt()).isEqualTo(106);
        assertThat(stall.get("kernel_time").asDouble()).isEqualTo(68516.133687);
        assertThat(stall.get("event").asText()).contains("ioctl() call ID: 0x00001261");
        assertThat(stall.get("hazard").asText()).isEqualTo("H1");
        assertThat(stall.get("explanation").asText()).contains("queue lock");
        assertThat(stall.get("evidence").get(0).get("line").asInt()).isEqualTo(89);
        assertThat(stall.get("evidence").get(0).get("text").asText()).contains("virtblkiofio-02-read");
    }

    @Test
    void replayOneRunOnTheFixedModelAndStepByStep() {
        BatchModeTest.Run fixed = BatchModeTest.run("-c", "replay 3 --model virtblkiosim-fixed", BatchModeTest.sample());
        assertThat(fixed.out()).contains("run 3").contains("model virtblkiosim-fixed: completes").doesNotContain("\nrun 1 (");
        BatchModeTest.Run step = BatchModeTest.run("-c", "replay 3 --step", BatchModeTest.sample());
        assertThat(step.out()).contains("106 ioctl BLKFLSBUF").contains("SPINNING (queue corrupted)").contains("STALLED at line 106 (H1)");
        assertThat(BatchModeTest.run("-c", "replay --model nope", BatchModeTest.sample()).err()).contains("virtblkiosim, virtblkiosim-fixed");
    }

    @Test
    void reproWritesAFioJobFileForTheTwoOverlappingSessions(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("repro.fio");
        BatchModeTest.Run r = BatchModeTest.run("-c", "repro --out " + out, BatchModeTest.sample());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("run 3 reduced to 2 session(s)").contains("the fixed model completes it");
        assertThat(r.out()).contains("  103  ").contains("  106  ");
        assertThat(Files.readString(out)).contains("filename=/dev/virtblkiosim").contains("rw=randread").contains("rw=randwrite");
    }

    @Test
    void checkExitsThreeOnAStallZeroWhenHealthyOneOnUnreadableInput(@TempDir Path dir) throws IOException {
        BatchModeTest.Run stalled = BatchModeTest.runCheck("--json", BatchModeTest.sample());
        assertThat(stalled.code()).isEqualTo(3);
        assertThat(json(stalled.out()).get("runs").get(2).get("stall").get("line").asInt()).isEqualTo(106);
        Path healthy = dir.resolve("healthy.log");
        Files.writeString(healthy, """
                [  300.000000] virtblkiosim: Device engage: private_data: virtblkiosim
                [  300.000050] virtblkiosim: ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: 1
                [  300.190000] virtblkiosim: Device release: private_data: virtblkiosim
                """);
        assertThat(BatchModeTest.runCheck(healthy.toString()).code()).isZero();
        BatchModeTest.Run missing = BatchModeTest.runCheck(dir.resolve("missing.log").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("missing.log").contains("no such file");
        assertThat(BatchModeTest.runCheck().code()).isEqualTo(2);
        // options may come before the subcommand too
        assertThat(BatchModeTest.run("check", healthy.toString()).code()).isZero();
    }

    @Test
    void aSourceIsReplayedOncePerLoadAndModelThenReused() throws IOException {
        java.io.StringWriter sink = new java.io.StringWriter();
        try (Session session = new Session(new java.io.PrintWriter(sink), new java.io.PrintWriter(sink))) {
            session.store().load(BatchModeTest.sample());
            var index = session.store().sources().getFirst();
            var model = io.virtblk.replay.virtblkiosim.VirtblkiosimModel.buggy();
            var first = session.replays(index, model, io.virtblk.replay.Replays.DEFAULT_GAP);
            assertThat(session.replays(index, io.virtblk.replay.virtblkiosim.VirtblkiosimModel.buggy(), io.virtblk.replay.Replays.DEFAULT_GAP))
                    .isSameAs(first);
            assertThat(session.replays(index, model, 5.0)).as("another gap").isNotSameAs(first);
            assertThat(session.replays(index, io.virtblk.replay.driver.Drivers.model("virtblkiosim-fixed"),
                    io.virtblk.replay.Replays.DEFAULT_GAP)).as("another model").isNotSameAs(first);
            session.store().load(BatchModeTest.sample());
            var again = session.replays(session.store().sources().getFirst(), model, io.virtblk.replay.Replays.DEFAULT_GAP);
            assertThat(again).as("loaded again").isNotSameAs(first);
            assertThat(again.diagnoses()).extracting(d -> d.verdict()).isEqualTo(first.diagnoses().stream().map(d -> d.verdict()).toList());
        }
    }

    private static String trace(String name) {
        return Path.of(System.getProperty("virtblk.root", ".."), "replay/src/test/resources/traces", name).toString();
    }

    /**
     * Issue 14, point 11: fio in the background, virtblkioctl --io 3 in front, then fg. replay shows
     * one run, the release read as the app's, and the earliest-open reading rejected with the
     * evidence it contradicts, in text and in --json.
     */
    @Test
    void replayShowsWhichSessionEachReleaseClosedAndTheReadingItRejected() throws IOException {
        String file = trace("user_app_leaves_after_three_ios_while_fio_runs_in_the_background.txt");
        BatchModeTest.Run text = BatchModeTest.run("-c", "replay", file);
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("run 1 ($ sudo fio virtblkiofio-00-read.fio &): STALLED").doesNotContain("\nrun 2");
        assertThat(text.out()).contains("one run of 3 commands: line 2 '$ sudo fio virtblkiofio-00-read.fio &' went to the background as job 1;"
                + " line 7 '$ sudo ./virtblkioctl /dev/virtblkiosim --io 3' ran beside it; line 18 '$ fg' brought job 1 back");
        assertThat(text.out()).contains("session 2 io       engage line 31, ioctl 32:BLKFLSBUF, NEVER RELEASED");
        assertThat(text.out()).contains("kept: release line 59 closed session 3 (user_app); it agrees with");
        assertThat(text.out()).contains("rejected: release line 59 closed session 2 (io) (the earliest-open rule), because");
        assertThat(text.out()).contains("the app made 3 I/Os and left, but this reading leaves session 3 (user_app) open");
        assertThat(text.out()).contains("fio:4119 blocked at [2123.500000]: a fio I/O session was still open, but this reading has released"
                + " every fio I/O session by then (session 2 at line 59)");

        JsonNode run = json(BatchModeTest.run("-c", "replay --json", file).out()).get("runs").get(0);
        assertThat(run.get("verdict").asText()).isEqualTo("stalled");
        assertThat(run.get("assignment").asText()).contains("checked against the evidence");
        assertThat(run.get("commands")).extracting(c -> c.get("role").asText()).containsExactly("background", "beside", "resumed");
        JsonNode a = run.get("attribution");
        assertThat(a.get("readings").asInt()).isEqualTo(2);
        assertThat(a.get("ambiguous").asBoolean()).isFalse();
        assertThat(a.get("chosen").get("releases").get(0).get("session").asInt()).isEqualTo(3);
        assertThat(a.get("chosen").get("releases").get(0).get("kind").asText()).isEqualTo("user_app");
        assertThat(a.get("chosen").get("agrees")).extracting(c -> c.get("line").asInt()).containsExactly(7, 22, 60);
        JsonNode rejected = a.get("rejected").get(0);
        assertThat(rejected.get("earliest_open_rule").asBoolean()).isTrue();
        assertThat(rejected.get("releases").get(0).get("session").asInt()).isEqualTo(2);
        assertThat(rejected.get("contradicts")).extracting(c -> c.get("line").asInt()).containsExactly(7, 22, 60);
        assertThat(rejected.get("contradicts").get(0).get("because").asText()).contains("leaves session 3 (user_app) open");
    }

    /** When nothing decides and the readings disagree, replay says so and leaves the verdict incomplete. */
    @Test
    void replaySaysWhenTheEvidenceDoesNotDecide() throws IOException {
        String file = trace("user_app_and_fio_one_release_nothing_says_whose.txt");
        BatchModeTest.Run text = BatchModeTest.run("-c", "replay", file);
        assertThat(text.out()).contains("run 1: INCOMPLETE").contains("the evidence does not decide which session each release closed")
                .contains("so the verdict is left incomplete");
        JsonNode a = json(BatchModeTest.run("-c", "replay --json", file).out()).get("runs").get(0).get("attribution");
        assertThat(a.get("ambiguous").asBoolean()).isTrue();
        assertThat(a.get("equally_good")).hasSize(3);
        assertThat(a.get("rejected")).isEmpty();
    }

    /**
     * Issue 14, point 10: a user app stops answering SET_BLOCK while fio runs. replay says H2; repro
     * minimises the same run on the same model to the app's and fio's sessions, still stalling on H2.
     */
    @Test
    void reproFindsTheH2StallReplayFound(@TempDir Path dir) throws IOException {
        String file = trace("h2_user_app_stops_set_block_while_fio_runs.txt");
        assertThat(BatchModeTest.run("-c", "replay", file).out()).contains("H2 MANIFEST");
        Path out = dir.resolve("h2.fio");
        BatchModeTest.Run r = BatchModeTest.run("-c", "repro --out " + out, file);
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("run 1 reduced to 2 session(s)").contains("still stalling on H2 as replay found")
                .contains("the fixed model completes it").contains("   14  ");
        assertThat(Files.readString(out)).contains("filename=/dev/virtblkiosim").contains("stop answering SET_BLOCK (H2)")
                .contains("virtblkioctl /dev/virtblkiosim --io 1");
        JsonNode j = json(BatchModeTest.run("-c", "repro --json --out " + out, file).out());
        assertThat(j.get("hazard").asText()).isEqualTo("H2");
        assertThat(j.get("sessions")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(j.get("events")).extracting(e -> e.get("line").asInt()).contains(8, 13, 14);
    }

    /** A run that stalled where the model finds no hazard: repro says so in replay's terms, not "does not stall". */
    @Test
    void reproOfAStallTheModelDoesNotKnowSaysSo(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("tail.txt");
        Files.writeString(log, """
                $ sudo fio both.fio
                both-read: (g=0): rw=randread, bs=4K-4K/4K-4K/4K-4K, ioengine=libaio, iodepth=16
                fio-2.2.10
                Starting 1 process
                ^C
                fio: terminating on signal 2
                fio: job 'both-read' hasn't exited in 60 seconds, it appears to be stuck. Doing forceful exit of this job.
                $ dmesg | tail
                [68516.133583] virtblkiosim: Device engage: private_data: virtblkiosim
                [68516.133620] virtblkiosim: ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: 1
                """);
        assertThat(BatchModeTest.run("-c", "replay", log.toString()).out()).contains("STALLED").contains("model virtblkiosim: completes")
                .contains("finds no hazard");
        BatchModeTest.Run r = BatchModeTest.run("-c", "repro --out " + dir.resolve("x.fio"), log.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("repro: run 1 stalled (the log says so; 'replay 1' shows the evidence), but the virtblkiosim model"
                + " replays its device events to the end without a hazard").contains("read the kernel's reports");
        assertThat(Files.exists(dir.resolve("x.fio"))).isFalse();
    }

    @Test
    void reproTakesReplaysGapAndRefusesABadOne(@TempDir Path dir) {
        assertThat(BatchModeTest.run("-c", "repro --gap 5 --out " + dir.resolve("r.fio"), BatchModeTest.sample()).out())
                .contains("run 3 reduced to 2 session(s)");
        BatchModeTest.Run bad = BatchModeTest.run("-c", "repro --gap soon", BatchModeTest.sample());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("repro: --gap takes seconds, a number above 0 such as 1 or 0.5, not 'soon'");
    }
}
