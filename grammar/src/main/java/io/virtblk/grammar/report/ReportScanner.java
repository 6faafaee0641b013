package io.virtblk.grammar.report;

import io.virtblk.event.Event;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelEvent.Frame;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.report.ReportRules.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the kernel reports in a stream of log lines and makes each one event, while passing
 * every other line's own event on in input order.
 *
 * <p>A line holding a kind's header opens a report. Its lines are collected in a window until
 * the next report starts in the same context (the {@code [T123]}/{@code [C3]} caller id, or the
 * whole console when the kernel prints none), or {@value #WINDOW} lines have gone by, or the
 * input ends. Lines of other contexts are left out of its text (they are another task's
 * output), as are a call trace's questionable {@code ?} frames. Then {@link Titler} titles it;
 * its range ends at its last report line ({@link ReportRules#bodyLines()}, frames, stack starts),
 * and it owns its first line and the call-trace lines in that range — every other line stays
 * its own event. Events after an open report's first line wait for it, so all leave in input order.
 */
public final class ReportScanner {

    /** Lines a report's window spans at most: reports are a few hundred lines; a log may not end for millions. */
    static final int WINDOW = 1500;
    /** Report lines further apart than this (non-report lines between) end the report's range. */
    static final int GAP = 12;

    /** Reads a call-trace line into a frame; null when the line is not one. */
    @FunctionalInterface
    public interface FrameReader {
        Frame frame(String message, int line);
    }

    /** A console line's stamp where the line reader found none at the start: what a serial console mixes in before it. */
    private static final Pattern CONSOLE = Pattern.compile(
            "(?:\\*\\* [0-9]+ printk messages dropped \\*\\* )?(?:.* login: )?(?:<[0-9]+>)?\\[ *[0-9]+\\.[0-9]+\\](?:\\[ *((?:C|T)[0-9]+)\\])? ");
    private static final Pattern QUESTIONABLE = Pattern.compile("(\\[\\<[0-9a-f]+\\>\\])? \\? ");
    private static final String REPLAYING = "** replaying previous printk message **";

    private final String source;
    private final ReportRules rules;
    private final Titler titler;
    private final EventSink sink;
    private final FrameReader frames;
    private final HeaderIndex headers;

    /** Lines from the first open window's start, waiting for the windows over them to close. */
    private final Deque<Held> held = new ArrayDeque<>();
    private final List<Window> open = new ArrayList<>();
    /** Reports made and waiting for a panic line (they leave {@value #WINDOW} lines after their start). */
    private final List<Made> waiting = new ArrayList<>();
    private int current;
    /** The line before the current one: whether it starts a report depends on the next (a printk replay). */
    private Incoming previous;

    public ReportScanner(String source, ReportRules rules, EventSink sink, FrameReader frames) {
        this.source = source;
        this.rules = rules;
        this.titler = new Titler(rules);
        this.sink = sink;
        this.frames = frames;
        this.headers = HeaderIndex.of(rules);
    }

    /**
     * One input line: its number, its text as written, its prefix (null when it has no stamp or
     * could not be read), its message after the prefix, the event it is on its own (null for a
     * line that carries nothing, counted as structural), and whether it is the kernel's (a
     * journal's user-space lines never start a report: their "WARNING:" is not the kernel's).
     */
    public void line(int number, String raw, KernelPrefix prefix, String message, Event own, boolean kernel) {
        Incoming now = new Incoming(number, raw, prefix, message, own, kernel, false);
        if (previous != null) {
            process(previous, raw.contains(REPLAYING));
        }
        previous = now;
    }

    /** Closes every open report and lets all waiting events go: the end of the input (or of a log block). */
    public void finish() {
        if (previous != null) {
            process(previous, false);
            previous = null;
        }
        while (!open.isEmpty()) {
            close(open.getFirst());
        }
        waiting.clear();
        release();
    }

    private record Incoming(int number, String raw, KernelPrefix prefix, String message, Event own, boolean kernel, boolean stamped) {
    }

    /** A line kept until the reports over it are made: its own event, or a report that starts on it, or claimed by one. */
    private static final class Held {
        final int number;
        Event event;
        int lines;
        boolean claimed;
        boolean startsReport;
        Made made;

        Held(int number, Event event) {
            this.number = number;
            this.event = event;
            this.lines = event == null ? 0 : 1;
        }
    }

    private void process(Incoming in, boolean replayedNext) {
        current = in.number;
        if (!waiting.isEmpty() && in.raw.contains(rules.panicLine())) {
            for (Made m : waiting) {
                m.panicked = true;
            }
        }
        Kind kind = in.kernel && headers.mayStart(in.raw) ? rules.kindStartingAt(in.raw) : null;
        if (replayedNext) {
            kind = null; // the console printed this line again after it: the report is the replay's
        }
        String context = context(in.prefix);
        if (context.isEmpty()) {
            // a console capture's stamp after other text ("syzkaller login: [  50.9] ...") that the line reader left in the message
            Matcher console = CONSOLE.matcher(in.raw);
            if (console.lookingAt()) {
                context = console.group(1) != null ? console.group(1) : "console";
                in = new Incoming(in.number, in.raw, in.prefix, in.raw.substring(console.end()), in.own, in.kernel, true);
            }
        }
        boolean starts = kind != null && !(rules.continuesReport(in.raw) && !open.isEmpty());
        if (open.isEmpty() && waiting.isEmpty() && !starts) {
            emit(in.own, in.number);
            return;
        }
        Held h = new Held(in.number, in.own);
        held.addLast(h);
        Line line = new Line(in, context, h);
        for (int i = 0; i < open.size(); i++) {
            open.get(i).add(line, kind != null);
        }
        if (starts) {
            h.startsReport = true;
            // on a plain console the next report ends this one; with caller ids a task's report goes on
            // being read past another (syzkaller reads the task's lines to its end), though its range stops there
            for (int i = 0; i < open.size(); i++) {
                if (open.get(i).context.equals(context) && !isCaller(context)) {
                    close(open.get(i));
                    break;
                }
            }
            open.add(new Window(kind, line));
        }
        for (int i = 0; i < open.size(); i++) {
            Window w = open.get(i);
            if (in.number - w.start.number() >= WINDOW) {
                close(w);
                i--;
            }
        }
        release();
    }

    /** A line as a report sees it: stripped of its prefix and of a questionable frame's mark. */
    private record Line(Incoming in, String context, Held held) {
        int number() {
            return in.number;
        }
    }

    /** The report's context: the caller id when the kernel prints one, "console" for a stamped line, "" for an unstamped one. */
    private static String context(KernelPrefix p) {
        if (p == null || p.mono() == null && p.wallClock() == null) {
            return "";
        }
        return p.caller() != null ? p.caller() : "console";
    }

    private static boolean isCpuContext(String context) {
        return context.startsWith("C") && context.length() > 1 && Character.isDigit(context.charAt(1));
    }

    /** One report being collected. */
    private final class Window {
        final Kind kind;
        final Line start;
        final String context;
        final StringBuilder text = new StringBuilder();
        final StringBuilder fallback = new StringBuilder();
        int fallbackEnd;
        int titleChars;
        boolean secondReport;
        boolean cpuTraceback;
        boolean skipText;
        int textLines;
        boolean panicked;
        final List<Line> own = new ArrayList<>();

        Window(Kind kind, Line start) {
            this.kind = kind;
            this.start = start;
            this.context = start.context;
            this.fallbackEnd = 0;
            add(start, true);
        }

        void add(Line l, boolean header) {
            boolean first = l == start;
            if (fallback.length() < (1 << 20)) {
                fallback.append(l.in.raw).append('\n');
                if (header) {
                    fallbackEnd = fallback.length();
                }
            }
            if (l.in.raw.contains(rules.panicLine())) {
                panicked = true;
            }
            if (!first && !secondReport) {
                if (header && !rules.continuesReport(l.in.raw)) {
                    secondReport = true;
                } else if (!header) {
                    for (String s : rules.infoWithStack()) {
                        if (l.in.raw.contains(s)) {
                            secondReport = true;
                            break;
                        }
                    }
                }
            }
            String message = first ? firstText(l) : stripped(l);
            boolean questionable = message == null;
            if (!first && (questionable || !l.context.equals(context) && !(cpuTraceback && isCpuContext(l.context)))) {
                if (questionable && l.context.equals(context)) {
                    own.add(l); // a "? frame" is part of the trace though not of the text
                }
                return;
            }
            textLines++;
            boolean skipLine = skipText;
            String raw = l.in.raw;
            if (raw.contains("Disabling lock debugging due to kernel taint")) {
                skipLine = true;
            } else if (raw.contains("Sending NMI from CPU")) {
                cpuTraceback = true; // an all-CPU backtrace: the other CPUs' lines belong to this report
            } else if ((raw.contains("Kernel panic - not syncing") || raw.contains("WARNING: possible circular locking dependency detected"))
                    && textLines > minLines()) {
                // the panic that panic_on_warn adds, or the lockdep report an oops provokes, repeats a stack already seen
                skipText = true;
                skipLine = true;
            }
            if (!first && skipLine) {
                return;
            }
            own.add(l);
            if (text.length() < (1 << 20)) {
                text.append(message).append('\n');
                if (!secondReport || isCaller(context)) {
                    titleChars = text.length();
                }
            }
        }

        private int minLines() {
            return start.in.raw.contains("BUG: KMSAN:") ? 16 : 22;
        }
    }

    /** The report's first line is read even when it looks like a questionable frame. */
    private static String firstText(Line l) {
        String m = stripped(l);
        return m != null ? m : l.in.message;
    }

    private static boolean isCaller(String context) {
        return !context.isEmpty() && !context.equals("console");
    }

    /** The message as a report reads it; null for a questionable frame ({@code ? foo+0x1/0x2}), which reports skip. */
    private static String stripped(Line l) {
        if (l.context.isEmpty() && !l.in.stamped) {
            return l.in.raw; // no stamp to strip: the line as written
        }
        String m = l.in.message;
        if (!m.contains("<EOI>") && (QUESTIONABLE.matcher(m).find() || m.endsWith(" (unreliable)"))) {
            return null;
        }
        return m;
    }

    private void close(Window w) {
        open.remove(w);
        String text = w.text.toString();
        Titler.Title t = titler.title(w.kind, text, w.titleChars, w.fallback.substring(0, Math.max(w.fallbackEnd, 0)));
        // the range: from the first line through the last report line that follows the one before it closely
        int end = w.start.number();
        for (Line l : w.own) {
            if (l.number() - end > GAP || l != w.start && l.held.startsReport) {
                break;
            }
            if (l == w.start || isReportLine(l)) {
                end = l.number();
            }
        }
        List<Frame> found = new ArrayList<>();
        Fields fields = new Fields();
        boolean corruptedAnywhere = false;
        for (Line l : w.own) {
            if (l.number() > end) {
                break;
            }
            String m = l.in.message;
            fields.read(m, rules.fields());
            corruptedAnywhere |= titler.corruptsEverything(l.in.raw);
            if (l != w.start && !l.held.startsReport && isTraceLine(m)) {
                Frame f = frames.frame(m, l.number());
                if (f == null) {
                    f = tableFrame(m, l.number()); // a shape the frame grammar does not read (arm's "(a) from (b+0x..)")
                }
                if (f != null) {
                    found.add(f);
                }
                l.held.claimed = true;
            }
        }
        Incoming s = w.start.in;
        boolean corrupted = t.corrupted() || corruptedAnywhere;
        Made made = new Made(new Origin(source, s.number, end), s, w.kind.id(), t, corrupted,
                corrupted ? (t.corruptedReason() != null ? t.corruptedReason() : "the console was cut") : null, fields, List.copyOf(found));
        made.panicked = w.panicked;
        Held first = w.start.held;
        int lines = 1;
        for (Held h : held) {
            if (h != first && h.claimed && h.number <= end && h.number > s.number) {
                lines += h.lines;
                h.lines = 0;
                h.event = null;
            }
        }
        first.made = made;
        first.event = null;
        first.lines = lines;
        made.line = s.number;
        waiting.add(made);
    }

    /**
     * A report made but not yet let go: a kernel that panics does so after its last reports,
     * often after a second one (the WARNING that panic_on_warn turns into a panic), so a report
     * waits {@value #WINDOW} lines for a "Kernel panic" line before it leaves.
     */
    private static final class Made {
        final Origin at;
        final Incoming start;
        final String kind;
        final Titler.Title title;
        final boolean corrupted;
        final String corruptedReason;
        final Fields fields;
        final List<Frame> frames;
        boolean panicked;
        int line;

        Made(Origin at, Incoming start, String kind, Titler.Title title, boolean corrupted, String corruptedReason, Fields fields,
             List<Frame> frames) {
            this.at = at;
            this.start = start;
            this.kind = kind;
            this.title = title;
            this.corrupted = corrupted;
            this.corruptedReason = corruptedReason;
            this.fields = fields;
            this.frames = frames;
        }

        KernelEvent.Report event() {
            return new KernelEvent.Report(at, start.raw, start.prefix == null ? KernelPrefix.NONE : start.prefix, start.message, kind,
                    title.title(), title.altTitles(), title.type(), title.reportClass(), title.frame(), corrupted, corruptedReason, panicked,
                    fields.task, fields.pid, fields.cpu, fields.seconds, frames);
        }
    }

    /** A report line: a frame, a stack's start, or one of the table's report lines (registers, lockdep's chains, KASAN's shadow). */
    private boolean isReportLine(Line l) {
        String m = l.in.message;
        if (isTraceLine(m) || rules.kindStartingAt(l.in.raw) != null) {
            return true;
        }
        for (Pattern p : rules.bodyLines()) {
            if (p.matcher(m).find()) {
                return true;
            }
        }
        return false;
    }

    private Frame tableFrame(String m, int line) {
        for (Pattern p : rules.stack().frames()) {
            Matcher fm = p.matcher(m);
            if (fm.find() && fm.groupCount() >= 1 && fm.group(1) != null) {
                return new Frame(line, fm.group(1), null, null, null, false);
            }
        }
        return null;
    }

    /** A call-trace line the report owns: a stack's start or a frame. */
    private boolean isTraceLine(String m) {
        for (Pattern p : rules.stack().starts()) {
            if (p.matcher(m).find()) {
                return true;
            }
        }
        for (Pattern p : rules.stack().frames()) {
            if (p.matcher(m).find()) {
                return true;
            }
        }
        return QUESTIONABLE.matcher(m).find();
    }

    /** Lets go every held line before the first still-open report. */
    private void release() {
        waiting.removeIf(m -> current - m.line >= WINDOW);
        int limit = Integer.MAX_VALUE;
        for (Window w : open) {
            limit = Math.min(limit, w.start.number());
        }
        for (Made m : waiting) {
            limit = Math.min(limit, m.line);
        }
        while (!held.isEmpty() && held.peekFirst().number < limit) {
            Held h = held.pollFirst();
            if (h.made != null) {
                sink.event(h.made.event(), h.lines);
                continue;
            }
            if (h.claimed && h.event == null) {
                continue; // counted in its report
            }
            if (h.event == null) {
                sink.structural(h.number);
            } else {
                sink.event(h.event, h.lines);
            }
        }
    }

    private void emit(Event own, int number) {
        if (own == null) {
            sink.structural(number);
        } else {
            sink.event(own, 1);
        }
    }

    /** The first task, pid, CPU and seconds the report's lines state, by the table's field patterns. */
    private static final class Fields {
        String task;
        Integer pid;
        Integer cpu;
        Double seconds;

        void read(String line, List<Pattern> patterns) {
            if (task != null && pid != null && cpu != null && seconds != null) {
                return;
            }
            for (Pattern p : patterns) {
                Matcher m = p.matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (task == null) {
                    task = group(m, "task");
                }
                if (pid == null) {
                    pid = integer(group(m, "pid"));
                }
                if (cpu == null) {
                    cpu = integer(group(m, "cpu"));
                }
                if (seconds == null) {
                    String s = group(m, "seconds");
                    seconds = s == null ? null : Double.valueOf(s);
                }
            }
        }

        private static String group(Matcher m, String name) {
            try {
                return m.group(name);
            } catch (IllegalArgumentException e) {
                return null; // this pattern does not name it
            }
        }

        private static Integer integer(String s) {
            try {
                return s == null ? null : Integer.valueOf(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
