package io.virtblk.shell.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which trace clock stamps like the kernel log. Not assumed: measured. For each clock the kernel
 * offers in seconds, a trace marker, a kernel log line and a second marker are written one after
 * the other; the log line's printk stamp against the markers' midpoint is the clock's offset,
 * half the markers' distance its uncertainty. The clock nearest the log's is used (on Linux,
 * {@code perf} is printk's own {@code local_clock}; the default {@code local} was measured
 * 28.7 ms off on a machine like ours).
 */
final class ClockProbe {

    /** Clocks that do not count seconds since boot, or count them per CPU without care, are not candidates. */
    private static final Set<String> NOT_SECONDS = Set.of("counter", "uptime", "x86-tsc", "tai");
    /** Among clocks measured within {@link #TIE_SECONDS} of the best, the first of these wins. */
    private static final List<String> PREFERENCE = List.of("perf", "local", "global", "mono", "boot", "mono_raw");
    private static final double TIE_SECONDS = 100e-6;
    private static final Pattern MARK = Pattern.compile("\\s(\\d+\\.\\d+): tracing_mark_write: (.*)$", Pattern.MULTILINE);

    /**
     * @param clock       the trace clock's name
     * @param offsetSeconds the log's stamp minus the clock's, for the same moment (NaN: not measured)
     * @param uncertaintySeconds half the time between the two markers around the log line
     */
    record Measured(String clock, double offsetSeconds, double uncertaintySeconds) {
        boolean measured() {
            return !Double.isNaN(offsetSeconds);
        }
    }

    private ClockProbe() {
    }

    /** Measures every candidate clock on {@code instance} (tracing left off, the buffer empty). */
    static List<Measured> measure(TraceInstance instance, KernelLog log) throws IOException {
        List<Measured> out = new ArrayList<>();
        for (String clock : instance.clocks()) {
            if (NOT_SECONDS.contains(clock)) {
                continue;
            }
            instance.clock(clock);
            instance.clear();
            instance.on(true);
            instance.mark("virtblk-clock-probe " + clock + " before");
            log.write("clock probe " + clock);
            instance.mark("virtblk-clock-probe " + clock + " after");
            instance.on(false);
            double before = Double.NaN;
            double after = Double.NaN;
            Matcher m = MARK.matcher(instance.snapshot());
            while (m.find()) {
                if (m.group(2).equals("virtblk-clock-probe " + clock + " before")) {
                    before = Double.parseDouble(m.group(1));
                } else if (m.group(2).equals("virtblk-clock-probe " + clock + " after")) {
                    after = Double.parseDouble(m.group(1));
                }
            }
            long micros = log.stampOf("clock probe " + clock);
            if (micros < 0 || Double.isNaN(before) || Double.isNaN(after)) {
                out.add(new Measured(clock, Double.NaN, Double.NaN));
            } else {
                out.add(new Measured(clock, micros / 1e6 - (before + after) / 2, (after - before) / 2));
            }
        }
        instance.clear();
        return out;
    }

    /** The clock to record with: the nearest to the log's, preferring printk's own among near ties; {@code local} when none was measured. */
    static String choose(List<Measured> measured) {
        double best = measured.stream().filter(Measured::measured).mapToDouble(m -> Math.abs(m.offsetSeconds())).min().orElse(Double.NaN);
        if (Double.isNaN(best)) {
            return "local";
        }
        List<Measured> near = measured.stream().filter(Measured::measured).filter(m -> Math.abs(m.offsetSeconds()) <= best + TIE_SECONDS).toList();
        for (String p : PREFERENCE) {
            for (Measured m : near) {
                if (m.clock().equals(p)) {
                    return p;
                }
            }
        }
        return near.get(0).clock();
    }
}
