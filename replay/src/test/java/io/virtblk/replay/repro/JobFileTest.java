package io.virtblk.replay.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.event.FioEvent;
import io.virtblk.load.SourceLoader;
import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.virtblkiosim.VirtblkiosimModel;
import io.virtblk.replay.session.Run;
import io.virtblk.replay.trace.LoadedTrace;
import io.virtblk.replay.trace.TraceEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job file {@code repro} writes never carries a line the log put there: a fio JSON job name or
 * job option with a newline in it (found by hostile-input testing: running fio on the written file
 * ran the injected {@code exec_prerun=}) is refused, not copied.
 */
class JobFileTest {

    private static Replays sample() throws IOException {
        Path file = Path.of(System.getProperty("virtblk.root", ".."), "samples/000_session.txt");
        LoadedTrace trace = new LoadedTrace(new SourceLoader().load(file.toString()));
        return Replays.of(trace, file.toString(), VirtblkiosimModel.buggy(), Replays.DEFAULT_GAP);
    }

    /** The stalled run 3 of the sample, its first fio job header replaced by one with {@code name} and {@code rw}. */
    private static Run withJob(Replays r, String name, String rw, String ioengine) {
        RunDiagnosis d = r.diagnoses().stream().filter(x -> x.verdict().equals(RunDiagnosis.STALLED)).findFirst().orElseThrow();
        Run run = d.run();
        List<TraceEvent> events = new ArrayList<>();
        boolean replaced = false;
        for (TraceEvent e : run.events()) {
            if (!replaced && e.event() instanceof FioEvent.JobHeader h) {
                FioEvent.JobHeader evil = new FioEvent.JobHeader(h.at(), h.raw(), name, h.group(), rw, h.bs(), ioengine, h.iodepth(), Map.of());
                events.add(new TraceEvent(e.line(), e.kind(), e.mono(), e.time(), e.ioctl(), e.raw(), evil));
                replaced = true;
            } else {
                events.add(e);
            }
        }
        assertThat(replaced).as("run 3 has a fio job header").isTrue();
        return new Run(run.number(), run.command(), events, run.sessions(), run.assignment());
    }

    private static Reproducer.Result repro(Replays r, Run run) {
        return Reproducer.minimise(run, r.calibration(), VirtblkiosimModel.buggy(), VirtblkiosimModel.fixed());
    }

    @Test
    void aJobNameWithANewlineIsRefusedNotWritten() throws IOException {
        Replays r = sample();
        Run evil = withJob(r, "read\nexec_prerun=touch /tmp/pwned\n[x", "randread", null);
        assertThatThrownBy(() -> repro(r, evil)).isInstanceOf(JobFile.Refused.class)
                .hasMessageContaining("'read\\x0aexec_prerun=touch /tmp/pwned\\x0a[x'")
                .hasMessageContaining("fio's job header at")
                .hasMessageContaining("a name is 1 to 64 letters");
    }

    @Test
    void anOptionValueWithANewlineOrAnUnknownValueIsRefused() throws IOException {
        Replays r = sample();
        assertThatThrownBy(() -> repro(r, withJob(r, "job", "randread\nexec_prerun=sh -c id", null))).isInstanceOf(JobFile.Refused.class)
                .hasMessageContaining("of rw").hasMessageContaining("rw takes one of");
        assertThatThrownBy(() -> repro(r, withJob(r, "job", "randread", "external:/tmp/evil.so"))).isInstanceOf(JobFile.Refused.class)
                .hasMessageContaining("of ioengine");
    }

    @Test
    void theSamplesJobFileHasOnlyKnownKeysAndSafeSections() throws IOException {
        Replays r = sample();
        RunDiagnosis d = r.diagnoses().stream().filter(x -> x.verdict().equals(RunDiagnosis.STALLED)).findFirst().orElseThrow();
        String file = repro(r, d.run()).fioJobFile();
        assertThat(file).contains("[virtblkiofio-02-read]").contains("[virtblkiofio-02-write]");
        assertJobFileIsSafe(file);
    }

    /** Every line is a comment, blank, a safe section or a known key=value: what the fuzz target holds the writer to. */
    static void assertJobFileIsSafe(String file) {
        for (String line : file.split("\n", -1)) {
            assertThat(line).matches("|#[^\\n\\r]*|\\[[A-Za-z0-9_.+-]{1,64}\\]|(filename|direct|bs|size|ioengine|iodepth|rw)=[A-Za-z0-9_./+-]+");
        }
    }

    @Test
    void commentsLoseTheirControlCharacters() {
        String f = new JobFile().comment("run 3 ($ fio x\nexec_prerun=id)").toString();
        assertThat(f).isEqualTo("# run 3 ($ fio x\\x0aexec_prerun=id)\n");
        assertJobFileIsSafe(f.stripTrailing() + "\n");
    }
}
