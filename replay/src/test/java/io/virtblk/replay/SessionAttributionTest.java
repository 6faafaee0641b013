package io.virtblk.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.SourceLoader;
import io.virtblk.replay.virtblkiosim.Hazards;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.virtblkiosim.VirtblkiosimModel;
import io.virtblk.replay.session.Attribution;
import io.virtblk.replay.session.Clue;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.RunCommand;
import io.virtblk.replay.trace.LoadedTrace;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Which session a release closed, when the driver's lines name no pid (issue 14, point 11): the
 * reading that agrees with the evidence is kept, the others are rejected with the evidence they
 * contradict, and when nothing decides between readings that disagree the verdict says so.
 */
class SessionAttributionTest {

    private static Replays replay(String name) throws IOException {
        return TraceReplayTest.replay(name);
    }

    /**
     * {@code fio &} (line 2), then {@code virtblkioctl --io 3} in front (line 7), then {@code fg}
     * (line 18) and fio's stuck notice (line 22). The log: fio's setup session (29-30), its I/O
     * session (31, BLKFLSBUF 32), the app's session (33: REG_USER_CALLER, three SET_BLOCKs, five
     * transfers, the last at 58 unanswered), one release (59), and a hung fio (60). The earliest-open
     * rule closed fio's I/O session at 59; the hung task, the stuck notice and the app's "made three
     * I/Os and left" all say the release was the app's.
     */
    @Test
    void theReleaseIsTheAppsWhenAHungFioAndTheAppsCommandLineSaySo() throws IOException {
        RunDiagnosis d = replay("user_app_leaves_after_three_ios_while_fio_runs_in_the_background.txt").diagnoses().getFirst();
        assertThat(d.run().sessions()).extracting(s -> s.kind() + "@" + s.engage().line() + (s.open() ? " open" : "-" + s.release().line()))
                .containsExactly("SETUP@29-30", "IO@31 open", "USER_APP@33-59");
        Attribution a = d.run().attribution();
        assertThat(a.readings()).isEqualTo(2);
        assertThat(a.ambiguous()).isFalse();
        assertThat(a.chosen().reading().earliestRule()).isFalse();
        assertThat(a.chosen().contradicting()).isEmpty();
        assertThat(a.chosen().agreeing()).extracting(c -> c.clue().line()).containsExactly(7, 22, 60);
        assertThat(a.rejected()).singleElement().satisfies(w -> {
            assertThat(w.reading().earliestRule()).isTrue();
            assertThat(w.reading().describe()).isEqualTo("release line 59 closed session 2 (io)");
            assertThat(w.contradicting()).extracting(c -> c.clue().line()).containsExactly(7, 22, 60);
            assertThat(w.contradicting()).anySatisfy(c -> {
                assertThat(c.clue()).isInstanceOf(Clue.AppLeft.class);
                assertThat(c.clue().says()).contains("--io 3").contains("made 3 I/Os and left");
                assertThat(c.why()).contains("session 3 (user_app) open");
            });
            assertThat(w.contradicting()).anySatisfy(c -> {
                assertThat(c.clue()).isInstanceOf(Clue.TaskBlocked.class);
                assertThat(c.clue().says()).contains("fio:4119 blocked");
                assertThat(c.why()).contains("released every fio I/O session by then (session 2 at line 59)");
            });
        });
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.stall().line()).isEqualTo(58);
        assertThat(d.stall().hazard()).isEqualTo(Hazards.H2);
        // with fio's session open, "never released" is evidence again, beside fio's own notice
        assertThat(d.stall().evidence()).extracting(e -> e.line()).contains(22, 32, 60);
    }

    /** {@code fio &}, a command beside it and the {@code fg} that brings fio back are one run, not a completed one and a stalled one. */
    @Test
    void aCommandPutInTheBackgroundAndItsFgAreOneRun() throws IOException {
        Replays r = replay("user_app_leaves_after_three_ios_while_fio_runs_in_the_background.txt");
        assertThat(r.diagnoses()).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
            assertThat(d.run().command().firstLine()).isEqualTo("$ sudo fio virtblkiofio-00-read.fio &");
            assertThat(d.run().commands()).extracting(c -> c.command().line() + " " + c.role() + " " + c.job())
                    .containsExactly("2 BACKGROUND 1", "7 BESIDE null", "18 RESUMED 1");
            assertThat(d.run().commands().get(2).describe()).isEqualTo("line 18 '$ fg' brought job 1 back");
        });
    }

    /**
     * The same device lines as a bare log, and a probe of the device 200 s later (32-33): no hung
     * task, no command, no fio output. If the release at 31 was fio's, the run is incomplete; if it
     * was the app's and the one at 33 the probe's, fio never released and the run stalled. Nothing
     * says which, so the verdict is incomplete and a finding says what each reading concludes.
     */
    @Test
    void whenNothingDecidesBetweenReadingsThatDisagreeTheVerdictSaysSo() throws IOException {
        RunDiagnosis d = replay("user_app_and_fio_one_release_nothing_says_whose.txt").diagnoses().getFirst();
        Attribution a = d.run().attribution();
        assertThat(a.readings()).isEqualTo(4);
        assertThat(a.rejected()).as("no evidence rules a reading out").isEmpty();
        assertThat(a.ambiguous()).isTrue();
        assertThat(a.chosen().reading().earliestRule()).isTrue();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.INCOMPLETE);
        assertThat(d.stall()).isNull();
        assertThat(d.findings()).anySatisfy(f -> assertThat(f).startsWith("the evidence does not decide which session each release closed")
                .contains("release line 31 closed session 2 (io)").contains("the run is incomplete")
                .contains("if release line 31 closed session 3 (user_app); release line 33 closed session 4 (setup), it stalled")
                .endsWith("so the verdict is left incomplete"));
    }

    /** A bare log where the hung fio (line 16) agrees with the earliest-open rule: the app's release is kept, the other reading rejected. */
    @Test
    void aHungTaskNamingFioRejectsTheReadingThatReleasesFio() throws IOException {
        RunDiagnosis d = replay("h2_user_app_stops_set_block_while_fio_runs.txt").diagnoses().getFirst();
        Attribution a = d.run().attribution();
        assertThat(a.chosen().reading().describe()).isEqualTo("release line 15 closed session 1 (user_app)");
        assertThat(a.chosen().agreeing()).extracting(c -> c.clue().line()).containsExactly(16);
        assertThat(a.rejected()).singleElement().satisfies(w -> assertThat(w.contradicting()).singleElement()
                .satisfies(c -> assertThat(c.why()).contains("session 2 at line 15")));
    }

    /** Runs whose releases never had a choice are read once, as before: the sample's three runs. */
    @Test
    void runsWithoutAChoiceAreReadOnce() throws IOException {
        Path file = Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt");
        LoadedTrace trace = new LoadedTrace(new SourceLoader().load(file.toString()));
        Replays r = Replays.of(trace, file.toString(), VirtblkiosimModel.buggy(), Replays.DEFAULT_GAP);
        assertThat(r.runs()).hasSize(3).allSatisfy(run -> {
            assertThat(run.attribution().readings()).isEqualTo(1);
            assertThat(run.attribution().weighed()).isFalse();
            assertThat(run.commands()).extracting(RunCommand::role).containsExactly(RunCommand.Role.STARTED);
        });
        assertThat(r.runs().get(2).sessions()).extracting(DeviceSession::kind).containsExactly(DeviceSession.Kind.SETUP,
                DeviceSession.Kind.SETUP, DeviceSession.Kind.IO, DeviceSession.Kind.IO);
    }

    /**
     * fio's I/O session and an app's interleave and both release (lines 4, 6): the release at 4
     * could have been either's, but no clue could tell, and with nothing left open no reading could
     * change the verdict, so the run is read once (a generated log of thousands of such runs had
     * 64 readings each to no purpose).
     */
    @Test
    void interleavedSessionsThatAllReleaseWithNoClueAreReadOnce(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path log = dir.resolve("interleaved.log");
        java.nio.file.Files.writeString(log, """
                [  500.000000] virtblkiosim: Device engage: private_data: virtblkiosim
                [  500.000050] virtblkiosim: ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: 1
                [  500.010000] virtblkiosim: Device engage: private_data: virtblkiosim
                [  500.010050] virtblkiosim: ===> ioctl() call ID: 0x00007100 (dir: 0x0 | size: 0x000 | chr: 0x71 'q' | func: 0x00) ===> arg: 0
                [  500.020000] virtblkiosim: Device release: private_data: virtblkiosim
                [  500.200000] virtblkiosim: Device release: private_data: virtblkiosim
                """);
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2016).load(log.toString()));
        RunDiagnosis d = Replays.of(trace, log.toString(), VirtblkiosimModel.buggy(), 1.0).diagnoses().getFirst();
        assertThat(d.run().attribution().readings()).isEqualTo(1);
        assertThat(d.run().attribution().chosen().reading().earliestRule()).isTrue();
        assertThat(d.run().attribution().chosen().reading().releases()).as("the release had a choice").hasSize(1);
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.COMPLETED);
    }

    /** {@code dmesg -w &} runs nothing the device sees: the two fio commands after it are two runs, and its {@code fg} starts none. */
    @Test
    void aLogReaderInTheBackgroundKeepsNoRunOpen(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path t = dir.resolve("t.txt");
        java.nio.file.Files.writeString(t, """
                $ dmesg -w &
                $ sudo fio virtblkiofio-00-read.fio
                virtblkiofio-00-read: (g=0): rw=randread, bs=4K-4K/4K-4K/4K-4K, ioengine=libaio, iodepth=16
                $ sudo fio virtblkiofio-01-write.fio
                virtblkiofio-01-write: (g=0): rw=randwrite, bs=4K-4K/4K-4K/4K-4K, ioengine=libaio, iodepth=16
                $ fg
                [  300.000000] virtblkiosim: Device engage: private_data: virtblkiosim
                [  300.000050] virtblkiosim: ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: 1
                [  300.190000] virtblkiosim: Device release: private_data: virtblkiosim
                """);
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2016).load(t.toString()));
        Replays r = Replays.of(trace, t.toString(), VirtblkiosimModel.buggy(), 1.0);
        assertThat(r.runs()).extracting(run -> run.command().line()).containsExactly(2, 4);
        assertThat(r.runs().get(1).sessions()).as("the log fg brought back is the second run's tail").hasSize(1);
        assertThat(r.runs()).allSatisfy(run -> assertThat(run.commands()).hasSize(1));
    }
}
