package io.virtblk.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.SourceLoader;
import io.virtblk.replay.virtblkiosim.Hazards;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.virtblkiosim.VirtblkiosimModel;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.trace.LoadedTrace;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Small traces named for what goes wrong, in {@code src/test/resources/traces}. Each test states
 * the timeline and the expected verdict and stall point.
 */
class TraceReplayTest {

    /** One of the traces, loaded in memory and replayed on the buggy model. */
    static Replays replay(String name) throws IOException {
        Path file = Path.of(System.getProperty("virtblk.root", ".."), "replay/src/test/resources/traces", name);
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2016).load(file.toString()));
        return Replays.of(trace, file.toString(), VirtblkiosimModel.buggy(), Replays.DEFAULT_GAP);
    }

    /** Three jobs: three setup sessions (lines 16-21), I/O starts at lines 23 and 25, fio says all three are stuck. */
    @Test
    void threeJobsStuckAfterTheSecondStartsIo() throws IOException {
        RunDiagnosis d = replay("three_jobs_stuck_after_the_second_starts_io.txt").diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.run().sessions()).hasSize(5);
        assertThat(d.run().ioSessions()).hasSize(2);
        assertThat(d.stall().line()).isEqualTo(25);
        assertThat(d.stall().hazard()).isEqualTo(Hazards.H1);
        assertThat(d.stall().evidence()).extracting(e -> e.line()).contains(10, 11, 12);
    }

    /** The same timeline as a bare log that just stops: no sign either way, but the model stalls at the second start. */
    @Test
    void threeJobsLogStopsAfterTheSecondStartsIo() throws IOException {
        RunDiagnosis d = replay("three_jobs_log_stops_after_the_second_starts_io.txt").diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.INCOMPLETE);
        assertThat(d.stall()).isNull();
        assertThat(d.modelVerdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.findings()).anySatisfy(f -> assertThat(f).contains("never released"));
        assertThat(d.findings()).anySatisfy(f -> assertThat(f).contains("the kernel log ends here"));
    }

    /** Two I/O sessions overlap and both release 0.38 s later: the log says completed; H1 is a risk, not a stall. */
    @Test
    void twoOverlappingIoSessionsThatBothRelease() throws IOException {
        RunDiagnosis d = replay("two_overlapping_io_sessions_that_both_release.txt").diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.COMPLETED);
        assertThat(d.modelVerdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.run().maxConcurrentIo()).isEqualTo(2);
        assertThat(d.hazards()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(Hazards.H1);
            assertThat(h.manifest()).isFalse();
            assertThat(h.evidence()).contains("overlapped").contains("all released");
        });
    }

    /**
     * A user app registers (line 2), fio starts I/O (line 7); transfers at 8 and 13 get their
     * SET_BLOCK, the one at 14 does not; the app releases (15); two minutes later fio hangs (16).
     */
    @Test
    void h2FromAUserAppThatStopsIssuingSetBlock() throws IOException {
        RunDiagnosis d = replay("h2_user_app_stops_set_block_while_fio_runs.txt").diagnoses().getFirst();
        assertThat(d.run().sessions()).extracting(DeviceSession::kind).containsExactly(DeviceSession.Kind.USER_APP, DeviceSession.Kind.IO);
        assertThat(d.run().sessions().getFirst().release().line()).isEqualTo(15);
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.stall().line()).isEqualTo(14);
        assertThat(d.stall().hazard()).isEqualTo(Hazards.H2);
        assertThat(d.stall().explanation()).contains("SET_BLOCK");
        assertThat(d.stall().evidence()).anySatisfy(e -> assertThat(e.text()).contains("HANG: INFO: task hung in").contains("blocked for more than"));
        assertThat(d.stall().report()).as("the kernel's own title for the stall").startsWith("INFO: task hung in");
        assertThat(d.hazards()).anySatisfy(h -> {
            assertThat(h.id()).isEqualTo(Hazards.H2);
            assertThat(h.manifest()).isTrue();
        });
        assertThat(d.hazards()).noneMatch(h -> h.id().equals(Hazards.H3));
    }

    /** Raw dmesg: two I/O sessions start (lines 6, 8), the log goes on to a soft lockup 28 s later. */
    @Test
    void bareDmesgWithASoftLockupAfterTheStall() throws IOException {
        RunDiagnosis d = replay("bare_dmesg_soft_lockup_after_the_stall.txt").diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.stall().line()).isEqualTo(8);
        assertThat(d.stall().hazard()).isEqualTo(Hazards.H1);
        assertThat(d.stall().evidence()).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(9);
            assertThat(e.text()).contains("soft lockup");
        });
        assertThat(d.stall().evidence()).anySatisfy(e -> assertThat(e.text()).contains("never released").contains("the log goes on"));
    }

    /** journalctl short-precise, no monotonic stamps: two healthy runs 105 s apart are split and both complete. */
    @Test
    void aJournalWithOnlyHealthyRuns() throws IOException {
        Replays r = replay("journalctl_only_healthy_runs.txt");
        assertThat(r.diagnoses()).hasSize(2).allSatisfy(d -> {
            assertThat(d.verdict()).isEqualTo(RunDiagnosis.COMPLETED);
            assertThat(d.run().ioSessions()).singleElement().satisfies(s -> assertThat(s.length()).isBetween(0.18, 0.20));
        });
        assertThat(r.anyStalled()).isFalse();
    }

    /** Wall clock and monotonic stamps agree on a boot time; a line from a stepped clock is named. */
    @Test
    void clockAlignmentEstimatesTheBootTimeAndNamesContradictions(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path log = dir.resolve("kern.log");
        java.nio.file.Files.writeString(log, """
                Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim
                Nov 11 04:25:30 vm kernel: [67315.455959] virtblkiosim: Device release: private_data: virtblkiosim
                Nov 11 04:35:30 vm kernel: [67316.000000] virtblkiosim: Device engage: private_data: virtblkiosim
                Nov 11 04:25:31 vm kernel: [67316.100000] virtblkiosim: Device release: private_data: virtblkiosim
                """);
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2016).load(log.toString()));
        var clock = Replays.of(trace, log.toString(), VirtblkiosimModel.buggy(), 1.0).clock();
        assertThat(clock.linesUsed()).isEqualTo(4);
        assertThat(clock.bootTime()).isBetween(java.time.LocalDateTime.of(2016, 11, 10, 9, 43, 34),
                java.time.LocalDateTime.of(2016, 11, 10, 9, 43, 36));
        assertThat(clock.contradictions()).singleElement().satisfies(c -> {
            assertThat(c.line()).isEqualTo(3);
            assertThat(c.offBySeconds()).isCloseTo(600, org.assertj.core.data.Offset.offset(2.0));
        });
    }

    @Test
    void theSampleClockHasNoContradictions() throws IOException {
        Path file = Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt");
        LoadedTrace trace = new LoadedTrace(new SourceLoader().load(file.toString()));
        var clock = Replays.of(trace, file.toString(), VirtblkiosimModel.buggy(), 1.0).clock();
        assertThat(clock.linesUsed()).isEqualTo(18);
        assertThat(clock.contradictions()).isEmpty();
        assertThat(clock.bootTime().toLocalDate()).isEqualTo(java.time.LocalDate.of(2016, 11, 10));
    }

    /** An ioctl line whose logged fields contradict its call ID: decoded from the ID, so the session is still fio's I/O session. */
    @Test
    void ioctlLinesWhoseFieldsContradictTheCallId() throws IOException {
        Path file = Path.of(System.getProperty("virtblk.root", ".."), "replay/src/test/resources/traces/ioctl_fields_contradict_the_call_id.txt");
        var index = new SourceLoader(2016).load(file.toString());
        LoadedTrace trace = new LoadedTrace(index);
        assertThat(index.summary().diagnostics()).singleElement().satisfies(dg -> assertThat(dg.message()).contains("dir 0x0"));
        RunDiagnosis d = Replays.of(trace, file.toString(), VirtblkiosimModel.buggy(), 1.0).diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.COMPLETED);
        assertThat(d.run().ioSessions()).singleElement().satisfies(s -> assertThat(s.ioStart().ioctl()).isEqualTo("BLKFLSBUF"));
    }

    /**
     * A setup session, then fio starts I/O (line 4) and the worker oopses on a NULL pointer (line 5),
     * the kernel panics (line 15): the run crashed, with the oops as its evidence, not "stalled".
     */
    @Test
    void anOopsInTheWorkerCrashesTheRun() throws IOException {
        Replays r = replay("one_session_then_an_oops_in_the_worker.txt");
        RunDiagnosis d = r.diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.CRASHED);
        assertThat(d.crash().title()).isEqualTo("BUG: unable to handle kernel NULL pointer dereference in virtblkiosim_worker");
        assertThat(d.crash().at().line()).isEqualTo(5);
        assertThat(d.crash().panicked()).isTrue();
        assertThat(d.reports()).containsExactly(d.crash());
        assertThat(r.anyHang()).isFalse();
        assertThat(r.anyReport()).isTrue();
    }

    /** A WARNING in a log with no virtblkiosim line: no runs to invent, the report is the log's. */
    @Test
    void aLogWithNoDeviceSessionsHasNoRunsButItsReports() throws IOException {
        Replays r = replay("only_a_warning_no_device_sessions.txt");
        assertThat(r.runs()).isEmpty();
        assertThat(r.diagnoses()).isEmpty();
        assertThat(r.reports()).singleElement().satisfies(w -> {
            assertThat(w.title()).isEqualTo("WARNING in blk_mq_start_request");
            assertThat(w.reportType()).isEqualTo("WARNING");
            assertThat(w.at().line()).isEqualTo(3);
            assertThat(w.at().endLine()).isEqualTo(11);
        });
        assertThat(r.anyStalled()).isFalse();
        assertThat(r.anyHang()).isFalse();
    }

    /** The soft lockup after the stall (line 9) is evidence, and its title is the stall's report. */
    @Test
    void aSoftLockupsTitleIsTheStallsReport() throws IOException {
        RunDiagnosis d = replay("bare_dmesg_soft_lockup_after_the_stall.txt").diagnoses().getFirst();
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.STALLED);
        assertThat(d.stall().report()).startsWith("BUG: soft lockup in");
        assertThat(d.stall().explanation()).contains("The kernel reported it as: BUG: soft lockup in");
    }

    /**
     * A hung-task report whose stamp ([350.1]) is before the run's first device event ([612.5]):
     * the kernel's clock went back, so it is another boot's or machine's line. It is listed, but it
     * does not make the run stalled; the run is incomplete (a session open, nothing else known).
     */
    @Test
    void aHangReportStampedBeforeTheRunIsListedButIsNotItsStall(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path log = dir.resolve("mixed.log");
        java.nio.file.Files.writeString(log, """
                [  612.551966] virtblkiosim: Device engage: private_data: virtblkiosim
                [  350.106517] INFO: task fio:812 blocked for more than 120 seconds.
                [  350.106518]       Not tainted 5.10.0-23-cloud-amd64 #1
                [  350.106519] Call Trace:
                [  350.106520]  schedule+0x35/0x80
                [  350.106521]  io_schedule+0x16/0x40
                [  350.106522]  blk_mq_get_tag+0x119/0x290
                """);
        LoadedTrace trace = new LoadedTrace(new SourceLoader(2016).load(log.toString()));
        RunDiagnosis d = Replays.of(trace, log.toString(), VirtblkiosimModel.buggy(), 1.0).diagnoses().getFirst();
        assertThat(d.reports()).singleElement().satisfies(r -> assertThat(r.title()).startsWith("INFO: task hung in"));
        assertThat(d.verdict()).isEqualTo(RunDiagnosis.INCOMPLETE);
        assertThat(d.stall()).isNull();
        assertThat(d.findings()).anySatisfy(f -> assertThat(f).contains("line 2").contains("[350.106517], before the run's first device event [612.551966]"));
    }
}
