package io.virtblk.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.SourceLoader;
import io.virtblk.replay.virtblkiosim.Hazards;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.model.Simulator;
import io.virtblk.replay.virtblkiosim.VirtblkiosimModel;
import io.virtblk.replay.repro.Reproducer;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.LoadedTrace;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis of {@code samples/000_session.txt} (DESIGN.md section 5): runs 1 and 2 completed
 * with H1 latent (disk stats ~30% short of fio's issued I/Os), each a setup session then an I/O
 * session as long as fio's runtime; run 3 stalled at line 106, where the second submitter starts
 * I/O, with H1; the fixed model completes; the reproducer is the two overlapping I/O sessions.
 */
class SampleReplayTest {

    static LoadedTrace trace;
    static Replays replays;
    static String source;

    @BeforeAll
    static void replay() throws IOException {
        source = Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt").toString();
        trace = new LoadedTrace(new SourceLoader().load(source));
        replays = Replays.of(trace, source, VirtblkiosimModel.buggy(), Replays.DEFAULT_GAP);
    }

    @Test
    void threeRunsEachWithItsCommand() {
        assertThat(replays.runs()).hasSize(3);
        assertThat(replays.runs()).extracting(r -> r.command().firstLine()).containsExactly(
                "$ sudo fio virtblkiofio-00-read.fio", "$ sudo fio virtblkiofio-01-write.fio", "$ sudo fio virtblkiofio-02-both.fio");
        assertThat(replays.calibration().secondsPerIo()).isBetween(23.0e-6, 23.5e-6);
        assertThat(replays.calibration().iosPerSession()).isEqualTo(8192);
    }

    @Test
    void readAndWriteRunsCompletedWithH1Latent() {
        for (int i = 0; i < 2; i++) {
            RunDiagnosis d = replays.diagnoses().get(i);
            Run run = d.run();
            assertThat(d.verdict()).isEqualTo(RunDiagnosis.COMPLETED);
            assertThat(d.stall()).isNull();
            assertThat(run.sessions()).extracting(DeviceSession::kind).containsExactly(DeviceSession.Kind.SETUP, DeviceSession.Kind.IO);
            assertThat(run.maxConcurrentIo()).isEqualTo(1);
            assertThat(d.hazards()).singleElement().satisfies(h -> {
                assertThat(h.id()).isEqualTo(Hazards.H1);
                assertThat(h.manifest()).isFalse();
                assertThat(h.evidence()).contains("where fio issued 8192").contains("fewer");
            });
        }
        assertThat(replays.diagnoses().get(0).hazards().getFirst().evidence()).contains("disk stats count 5752 completed I/Os");
        assertThat(replays.diagnoses().get(1).hazards().getFirst().evidence()).contains("disk stats count 5837 completed I/Os");
        DeviceSession read = replays.runs().get(0).ioSessions().getFirst();
        assertThat(read.length() * 1000).isCloseTo(191.0, org.assertj.core.data.Offset.offset(0.05));
        DeviceSession write = replays.runs().get(1).ioSessions().getFirst();
        assertThat(write.length() * 1000).isCloseTo(189.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(replays.diagnoses().get(0).findings()).anySatisfy(f -> assertThat(f).contains("191.0 ms").contains("runt=192 msec"));
        assertThat(replays.diagnoses().get(1).findings()).anySatisfy(f -> assertThat(f).contains("189.5 ms").contains("runt=190 msec"));
    }

    @Test
    void theMixedRunStalledAtLine106WithH1() {
        RunDiagnosis d = replays.diagnoses().get(2);
        Run run = d.run();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(run.sessions()).extracting(s -> s.kind() + "@" + s.engage().line() + (s.open() ? " open" : "-" + s.release().line()))
                .containsExactly("SETUP@99-100", "SETUP@101-102", "IO@103 open", "IO@105 open");
        assertThat(run.ioSessions()).extracting(s -> s.ioStart().line()).containsExactly(104, 106);
        assertThat(run.maxConcurrentIo()).isEqualTo(2);
        assertThat(d.stall().line()).isEqualTo(106);
        assertThat(d.stall().kernelTime()).isEqualTo(68516.133687);
        assertThat(d.stall().hazard()).isEqualTo(Hazards.H1);
        assertThat(d.stall().explanation()).contains("blk_fetch_request()").contains("queue lock");
        assertThat(d.stall().deviceState()).contains("SPINNING (queue corrupted)").contains("submitters={3=8189, 4=8192}").contains("done=3/16384");
        assertThat(d.stall().evidence()).extracting(e -> e.line()).contains(89, 90, 94, 106);
        assertThat(d.hazards()).anySatisfy(h -> {
            assertThat(h.id()).isEqualTo(Hazards.H1);
            assertThat(h.manifest()).isTrue();
        });
        // one worker for both: due roughly 0.2-0.4 s after I/O began
        assertThat(d.findings()).anySatisfy(f -> assertThat(f).contains("0.38 s after I/O began"));
    }

    @Test
    void theFixedModelCompletesTheMixedRun() throws IOException {
        Replays fixed = Replays.of(trace, source, VirtblkiosimModel.fixed(), Replays.DEFAULT_GAP);
        RunDiagnosis d = fixed.diagnoses().get(2);
        assertThat(d.modelVerdict()).isEqualTo(RunDiagnosis.COMPLETED);
        assertThat(d.modelFinish() - 68516.133620).isBetween(0.2, 0.4);
        assertThat(replays.diagnoses().get(2).modelVerdict()).isEqualTo(RunDiagnosis.STALLED);
    }

    @Test
    void theReproducerIsTheTwoOverlappingIoSessions() {
        Run run = replays.runs().get(2);
        Reproducer.Result r = Reproducer.minimise(run, replays.calibration(), VirtblkiosimModel.buggy(), VirtblkiosimModel.fixed());
        assertThat(r.sessions()).hasSize(2).allSatisfy(s -> assertThat(s.kind()).isEqualTo(DeviceSession.Kind.IO));
        assertThat(r.events()).extracting(e -> e.line()).containsExactly(103, 104, 105, 106);
        assertThat(r.fixedCompletes()).isTrue();
        assertThat(r.fioJobFile()).contains("filename=/dev/virtblkiosim").contains("[virtblkiofio-02-read]").contains("rw=randread")
                .contains("[virtblkiofio-02-write]").contains("rw=randwrite").doesNotContain("stonewall\n");
    }

    @Test
    void invariantsHoldAfterEveryStepOfEveryRunOnBothModels() {
        for (Run run : replays.runs()) {
            for (var model : java.util.List.of(VirtblkiosimModel.buggy(), VirtblkiosimModel.fixed())) {
                // the simulator checks the invariants after each step and throws on a violation
                Simulator.Replay r = Simulator.run(model, run, replays.calibration(), true);
                assertThat(r.steps()).hasSize((int) run.events().stream().filter(e -> e.isDevice()).count());
                assertThat(r.steps()).allSatisfy(s -> assertThat(s.state()).contains("queue="));
            }
        }
    }
}
