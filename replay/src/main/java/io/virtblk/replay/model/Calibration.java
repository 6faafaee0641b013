package io.virtblk.replay.model;

import io.virtblk.event.FioEvent;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-I/O service time and I/Os per session, learnt from runs that completed: fio's runtime
 * divided by the I/Os it issued (000_session.txt: 192 ms / 8192 and 190 ms / 8192, about
 * 23 µs). Used to say when an open session should have released.
 */
public record Calibration(double secondsPerIo, long iosPerSession, String basis) {

    static final Calibration DEFAULT = new Calibration(25e-6, 8192, "no completed run to learn from: assumed 25 µs per I/O, 8192 I/Os per job");

    public static Calibration of(List<Run> runs) {
        List<Double> perIo = new ArrayList<>();
        List<Long> ios = new ArrayList<>();
        List<String> from = new ArrayList<>();
        for (Run r : runs) {
            List<DeviceSession> released = r.ioSessions().stream().filter(s -> !s.open()).toList();
            List<FioEvent.JobResult> jobs = r.jobs();
            if (released.isEmpty() || jobs.size() != released.size()) {
                continue;
            }
            for (FioEvent.JobResult j : jobs) {
                long issued = j.issued() == null || j.issued().total() == null ? 0 : j.issued().total().stream().mapToLong(Long::longValue).sum();
                long runtime = j.dirs().stream().filter(d -> d.runtimeMs() != null).mapToLong(FioEvent.DirResult::runtimeMs).max().orElse(0);
                if (issued > 0 && runtime > 0) {
                    perIo.add(runtime / 1000.0 / issued);
                    ios.add(issued);
                    from.add("run " + r.number() + " " + runtime + " ms / " + issued + " I/Os");
                }
            }
        }
        if (perIo.isEmpty()) {
            return DEFAULT;
        }
        double s = perIo.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long n = Math.round(ios.stream().mapToLong(Long::longValue).average().orElseThrow());
        return new Calibration(s, n, String.format("%.1f µs per I/O, %d I/Os per job, from %s", s * 1e6, n, String.join(", ", from)));
    }

    /** Seconds one worker needs for {@code sessions} jobs of the calibrated size. */
    public double secondsFor(int sessions) {
        return sessions * iosPerSession * secondsPerIo;
    }
}
