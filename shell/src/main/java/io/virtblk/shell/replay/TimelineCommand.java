package io.virtblk.shell.replay;

import io.virtblk.replay.Replays;
import io.virtblk.replay.diagnosis.RunDiagnosis;
import io.virtblk.replay.session.DeviceSession;
import io.virtblk.replay.session.Run;
import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.ClockText;
import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.Style;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code timeline [RUN] [--source S] [--width N]}: each run's sessions as bars on one time axis,
 * the stall point marked with {@code X}, sized to the terminal.
 *
 * <pre>
 * run 3 STALLED  [68516.021202 .. 68516.133687]  0.112 s
 *   #1 setup  |=                                           |
 *   #3 io     |                              B=============>  never released
 *   #4 io     |                                       B====X  never released
 * </pre>
 */
public final class TimelineCommand implements Command {

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public String synopsis() {
        return "timeline [RUN] [--source S] [--device D] [--width N]";
    }

    @Override
    public String summary() {
        return "an ASCII timeline of each run's sessions with the stall point marked, or of each block device's requests in flight with its stall";
    }

    @Override
    public void run(List<String> args, Session session) {
        Args a = Args.parse(name(), args, Set.of(), Set.of("--source", "--width", "--device"));
        int width = a.intOption(name(), "--width", session.width());
        if (a.option("--device") != null) {
            devices(session, a.option("--device"), width);
            return;
        }
        boolean runAsked = a.option("--source") != null || !a.positional().isEmpty();
        boolean block = !runAsked && devices(session, null, width);
        Integer only = ReplayCommand.runNumber(name(), a);
        List<Replays> all = ReplayCommand.replays(session, a.option("--source"), null, Replays.DEFAULT_GAP);
        if (block && all.stream().allMatch(r -> r.runs().isEmpty())) {
            return; // block traces and no driver's runs: the devices are the whole timeline
        }
        var out = session.out();
        for (Replays r : all) {
            boolean named = false;
            for (RunDiagnosis d : r.diagnoses()) {
                Run run = d.run();
                if (only != null && run.number() != only || run.sessions().isEmpty()) {
                    continue;
                }
                if (all.size() > 1 && !named) {
                    // several sources: each block says which file it is about (a source without the run asked is not listed)
                    out.println(Style.visible(r.trace().source()) + ":");
                    named = true;
                }
                String text = render(d, r.calibration(), width);
                out.print(session.settings().color() ? text.replace("X", Style.red(session.settings(), "X")) : text);
            }
        }
        out.print(legend(width));
        out.flush();
    }

    /** Each device's timeline, or the one named; false when no block trace is loaded. */
    private static boolean devices(Session session, String device, int width) {
        if (!BlockCase.any(session)) {
            if (device != null) {
                throw new CommandException("timeline: --device needs a block trace loaded (ftrace, trace-cmd report, blk tracer or blkparse)");
            }
            return false;
        }
        List<io.virtblk.replay.block.DeviceDiagnosis> ds = BlockCase.diagnose(session);
        if (device != null && ds.stream().noneMatch(d -> d.device().equals(device))) {
            throw new CommandException("timeline: no device " + device + " in the loaded traces; they have "
                    + String.join(", ", ds.stream().map(io.virtblk.replay.block.DeviceDiagnosis::device).toList()));
        }
        var out = session.out();
        for (var d : ds) {
            if (device == null || d.device().equals(device)) {
                String text = BlockTimeline.render(d, d.counted(), width);
                out.print(session.settings().color() ? redHungMarks(text, session) : text);
            }
        }
        out.print(BlockTimeline.legend());
        out.flush();
        return true;
    }

    /** The H marks of the hung row in red, and nothing else (HEALTHY keeps its H). */
    private static String redHungMarks(String text, Session session) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("  hung ")) {
                int open = line.indexOf('|');
                int close = line.indexOf('|', open + 1);
                line = line.substring(0, open + 1) + line.substring(open + 1, close).replace("H", Style.red(session.settings(), "H")) + line.substring(close);
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    static String render(RunDiagnosis d, io.virtblk.replay.model.Calibration cal, int width) {
        Run run = d.run();
        double start = run.sessions().stream().map(s -> s.engage().clock()).filter(java.util.Objects::nonNull).min(Double::compare).orElse(0.0);
        // the device's own clock only: fio's wall-clock start times would stretch the axis
        double end = run.events().stream().filter(e -> e.isDevice()).map(e -> e.clock()).filter(java.util.Objects::nonNull)
                .max(Double::compare).orElse(start);
        List<DeviceSession> openIo = run.ioSessions().stream().filter(DeviceSession::open).toList();
        Double due = null;
        if (!openIo.isEmpty() && openIo.getFirst().ioStart() != null && openIo.getFirst().ioStart().clock() != null) {
            due = openIo.getFirst().ioStart().clock() + cal.secondsFor(openIo.size());
            end = Math.max(end, due);
        }
        double span = Math.max(end - start, 1e-6);
        // a row is "  #ID KIND   |bar|  never released": the bar takes what the terminal leaves, so no row wraps
        int idWidth = Math.max(2, String.valueOf(run.sessions().size()).length());
        int fixed = 2 + 1 + idWidth + 1 + 6 + 1 + 2 + "  never released".length();
        int bar = Math.max(10, Math.min(width, 240) - fixed);
        StringBuilder sb = new StringBuilder();
        boolean wall = ClockText.wall(run);
        String first = ClockText.of(start, wall);
        String until = ClockText.of(end, wall);
        String header = String.format(Locale.ROOT, "run %d %s  %s .. %s  %.3f s%s", run.number(), d.verdict().toUpperCase(Locale.ROOT),
                wall ? first : first.substring(0, first.length() - 1), wall ? until : until.substring(1), end - start,
                run.command() == null ? "" : "  " + Style.visible(run.command().firstLine()));
        sb.append(header.length() > width && width > 20 ? header.substring(0, width - 3) + "..." : header).append('\n');
        for (DeviceSession s : run.sessions()) {
            char[] line = " ".repeat(bar).toCharArray();
            int from = col(s.engage().clock(), start, span, bar);
            int to = s.open() ? bar - 1 : col(s.release().clock(), start, span, bar);
            for (int i = from; i <= Math.max(from, to); i++) {
                line[i] = '=';
            }
            if (s.ioStart() != null) {
                line[col(s.ioStart().clock(), start, span, bar)] = 'B';
            }
            if (s.open()) {
                line[bar - 1] = '>';
                if (due != null && s.kind() == DeviceSession.Kind.IO) {
                    line[col(due, start, span, bar)] = 'D';
                }
            }
            if (d.stall() != null && s.ioctls().stream().anyMatch(i -> i.line() == d.stall().line())) {
                line[col(d.stall().kernelTime(), start, span, bar)] = 'X';
            }
            sb.append(String.format(Locale.ROOT, "  #%-" + idWidth + "d %-6s |%s|%s%n", s.id(), s.kind().name().toLowerCase(Locale.ROOT), new String(line),
                    s.open() ? "  never released" : String.format(Locale.ROOT, "  %.1f ms", s.length() == null ? 0 : s.length() * 1000)));
        }
        return sb.toString();
    }

    /** The legend, its items wrapped onto as many lines as the width needs. */
    static String legend(int width) {
        String[] items = {"= open", "B I/O start (BLKFLSBUF)", "X stall point", "D when an open session was due to release", "> still open"};
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder("legend:");
        boolean first = true;
        for (String item : items) {
            if (!first && line.length() + 3 + item.length() > width) {
                all.append(line).append('\n');
                line = new StringBuilder("       ");
                first = true;
            }
            line.append(first ? " " : "   ").append(item);
            first = false;
        }
        return all.append(line).append('\n').toString();
    }

    private static int col(Double t, double start, double span, int bar) {
        if (t == null) {
            return 0;
        }
        return (int) Math.max(0, Math.min(bar - 1, Math.round((t - start) / span * (bar - 1))));
    }
}
