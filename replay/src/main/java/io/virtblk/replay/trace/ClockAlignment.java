package io.virtblk.replay.trace;

import io.virtblk.event.FioEvent;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the kernel's monotonic seconds, the syslog wall clock and fio's start times on one
 * timeline. Every line that has both a wall clock and a monotonic stamp gives a boot time
 * (wall clock minus seconds since boot); their median is the estimate. A line whose boot time is
 * more than {@link #TOLERANCE_SECONDS} away contradicts it (a clock step, a reboot, a line from
 * another machine), and so does a fio job that says it started long before or after the
 * device's first activity in its run.
 */
public record ClockAlignment(LocalDateTime bootTime, int linesUsed, List<Contradiction> contradictions) {

    /** Syslog stamps have whole seconds; allow for that and for delivery delay. */
    public static final double TOLERANCE_SECONDS = 2.0;

    /** A line whose clock disagrees with the estimate by {@code offBySeconds}. */
    public record Contradiction(int line, String text, double offBySeconds) {
    }

    public static ClockAlignment of(Trace trace) {
        // primitive arrays: a 2 GB log has millions of such lines, and an object per line did not fit a 512 MB heap
        List<TraceEvent> events = trace.events();
        double[] boots = new double[events.size()];
        int used = 0;
        for (TraceEvent e : events) {
            if (!Double.isNaN(e.monoSeconds()) && e.time() != null) {
                boots[used++] = seconds(e.time()) - e.monoSeconds();
            }
        }
        if (used == 0) {
            return new ClockAlignment(null, 0, List.of());
        }
        double[] sorted = java.util.Arrays.copyOf(boots, used);
        java.util.Arrays.sort(sorted);
        double median = sorted[used / 2];
        List<Contradiction> bad = new ArrayList<>();
        int k = 0;
        for (TraceEvent e : events) {
            if (!Double.isNaN(e.monoSeconds()) && e.time() != null) {
                double off = boots[k++] - median;
                if (Math.abs(off) > TOLERANCE_SECONDS) {
                    bad.add(new Contradiction(e.line(), e.firstLine(), off));
                }
            }
        }
        // fio's start time against the device's first engage after it
        for (int i = 0; i < trace.events().size(); i++) {
            if (trace.events().get(i).event() instanceof FioEvent.JobResult r && r.startTime() != null) {
                for (int j = i + 1; j < trace.events().size(); j++) {
                    TraceEvent e = trace.events().get(j);
                    if (e.is(EventKind.ENGAGE) && e.mono() != null) {
                        double engageWall = median + e.mono();
                        double off = seconds(r.startTime()) - engageWall;
                        // fio prints its start time with whole seconds, at the job's start or end
                        if (Math.abs(off) > TOLERANCE_SECONDS + 1) {
                            bad.add(new Contradiction(trace.events().get(i).line(), "fio job '" + r.job() + "' started at " + r.startTime()
                                    + ", but the device's next engage (line " + e.line() + ") is at " + wall(median + e.mono()), off));
                        }
                        break;
                    }
                }
            }
        }
        return new ClockAlignment(wall(median), used, List.copyOf(bad));
    }

    private static double seconds(LocalDateTime t) {
        return t.toEpochSecond(java.time.ZoneOffset.UTC) + t.getNano() / 1e9;
    }

    private static LocalDateTime wall(double seconds) {
        long whole = (long) Math.floor(seconds);
        return LocalDateTime.ofEpochSecond(whole, (int) Math.round((seconds - whole) * 1e6) * 1000, java.time.ZoneOffset.UTC);
    }

    /** The wall-clock time of a kernel monotonic stamp, by the estimate. */
    public LocalDateTime wallOf(double mono) {
        return bootTime == null ? null : bootTime.plus(Duration.ofNanos(Math.round(mono * 1e9)));
    }
}
