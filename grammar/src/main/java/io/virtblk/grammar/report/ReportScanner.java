package io.virtblk.grammar.report;

import io.virtblk.event.Event;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelEvent.Frame;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.NamedGroups;
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
 * the next report starts in the same context (the whole console when the kernel prints no
 * {@code [T123]}/{@code [C3]} caller id; with caller ids a task's report is read on past another's,
 * as syzkaller reads it), or {@value #WINDOW} lines have gone by, or the input ends. Lines of
 * other contexts are left out of its text (they are another task's output), as are a call
 * trace's questionable {@code ?} frames. Then {@link Titler} titles it; its range ends at its
 * last report line ({@link ReportRules#reportLines()}, frames, stack starts) before a gap of more
 * than {@value #GAP} lines, and it owns its first line and the call-trace lines in that range —
 * every other line stays its own event. A made report waits up to {@value #WINDOW} lines for a
 * "Kernel panic" line (the kernel panicked after it). Events after an open report's first line
 * wait for it, so all leave in input order.
 *
 * <p>Cost: one pass over each line's message ({@link Markers}) tells every marker a line's
 * reading depends on; patterns run only on the lines a report holds.
 */
public final class ReportScanner {

    /** Lines a report's window spans at most: reports are a few hundred lines; a log may not end for millions. */
    static final int WINDOW = 1500;
    /** Report lines further apart than this (non-report lines between) end the report's range. */
    static final int GAP = 8;
    /**
     * Lines after its range ends that a report is still read on for its title (a stack printed
     * after a pause); then it is made. On a plain console the next report ends it sooner.
     */
    static final int QUIET = 300;
    /** The same for a report whose kind titles without a stack (an OOM kill, a data race): nothing later changes its title. */
    static final int QUIET_SHORT = 8;

    /** Reads a call-trace line into a frame; null when the line is not one. */
    @FunctionalInterface
    public interface FrameReader {
        Frame frame(String message, int line);
    }

    // what one pass over a line finds: a bit per kind of marker
    private static final int HEADER = 1;
    private static final int PANIC = 1 << 1;
    private static final int INFO_WITH_STACK = 1 << 2;
    private static final int DISABLING_LOCKDEP = 1 << 3;
    private static final int SENDING_NMI = 1 << 4;
    private static final int SECOND_STACK = 1 << 5;
    private static final int REPLAYING = 1 << 6;
    private static final int QUESTION = 1 << 7;
    private static final int EOI = 1 << 8;
    private static final int CONSOLE_CUT = 1 << 9;

    /** A console line's stamp where the line reader found none at the start: what a serial console mixes in before it. */
    private static final Pattern CONSOLE = Pattern.compile(
            "(?:\\*\\* [0-9]+ printk messages dropped \\*\\* )?(?:.* login: )?(?:<[0-9]+>)?\\[ *[0-9]+\\.[0-9]+\\](?:\\[ *((?:C|T)[0-9]+)\\])? ");

    private final String source;
    private final ReportRules rules;
    private final Titler titler;
    private final EventSink sink;
    private final FrameReader frames;
    private final Markers markers;
    /** The table's frame, stack-start, field and report-line patterns, with matchers kept for reuse. */
    private final Match.Each anyFrame;
    private final Match.Each anyStackStart;
    private final Match.Each fieldPatterns;
    private final Match.Each reportLinePatterns;
    /** Headers that sit inside another report without starting one ({@link #continuesReport}). */
    private final Match.Each notReportStarts;
    /** The report lines' prefixes by their first character. */
    private final String[][] reportLinePrefixes = new String[128][];

    /** Lines from the first open or waiting report's start, waiting for the reports over them. */
    private final Deque<Held> held = new ArrayDeque<>();
    private final List<Window> open = new ArrayList<>();
    /** Reports made and waiting for a panic line (they leave {@value #WINDOW} lines after their start). */
    private final java.util.PriorityQueue<Made> waiting = new java.util.PriorityQueue<>(java.util.Comparator.comparingInt(Made::line));
    private int current;
    /** The line before the current one: whether it starts a report depends on the next (a printk replay). */
    private Incoming previous;

    public ReportScanner(String source, ReportRules rules, EventSink sink, FrameReader frames) {
        this.source = source;
        this.rules = rules;
        this.titler = new Titler(rules);
        this.sink = sink;
        this.frames = frames;
        List<String> strings = new ArrayList<>();
        List<Integer> bits = new ArrayList<>();
        java.util.function.BiConsumer<String, Integer> mark = (text, bit) -> {
            strings.add(text);
            bits.add(bit);
        };
        rules.kinds().forEach(k -> mark.accept(k.header(), HEADER));
        mark.accept(rules.panicLine(), PANIC);
        rules.infoWithStack().forEach(t -> mark.accept(t, INFO_WITH_STACK));
        mark.accept("Disabling lock debugging due to kernel taint", DISABLING_LOCKDEP);
        mark.accept("Sending NMI from CPU", SENDING_NMI);
        mark.accept("Kernel panic - not syncing", SECOND_STACK);
        mark.accept("WARNING: possible circular locking dependency detected", SECOND_STACK);
        mark.accept("** replaying previous printk message **", REPLAYING);
        mark.accept(" ? ", QUESTION);
        mark.accept("<EOI>", EOI);
        rules.corruptedAnywhere().forEach(t -> mark.accept(t, CONSOLE_CUT));
        this.markers = new Markers(strings, bits);
        this.anyFrame = new Match.Each(rules.stack().frames());
        this.anyStackStart = new Match.Each(rules.stack().starts());
        this.fieldPatterns = new Match.Each(rules.fields());
        this.reportLinePatterns = new Match.Each(rules.reportLines().patterns());
        this.notReportStarts = new Match.Each(rules.notReportStarts());
        java.util.Map<Character, List<String>> byFirst = new java.util.HashMap<>();
        for (String p : rules.reportLines().prefixes()) {
            if (!p.isEmpty() && p.charAt(0) < 128) {
                byFirst.computeIfAbsent(p.charAt(0), c -> new ArrayList<>()).add(p);
            }
        }
        byFirst.forEach((c, list) -> reportLinePrefixes[c] = list.toArray(String[]::new));
    }

    /**
     * One input line: its number, its text as written, its prefix (null when it has no stamp or
     * could not be read), its message after the prefix, the event it is on its own (null for a
     * line that carries nothing, counted as structural), and whether it is the kernel's (a
     * journal's user-space lines never start a report: their "WARNING:" is not the kernel's).
     */
    public void line(int number, String raw, KernelPrefix prefix, String message, Event own, boolean kernel) {
        // the message holds whatever the prefix does not (a stamped line's prefix can hold no report's words;
        // a line without one is scanned whole, where a console's stamp may stand after other text)
        Incoming now = new Incoming(number, raw, prefix, message, own, kernel, markers.scan(prefix == null ? raw : message));
        if (previous != null) {
            process(previous, now.has(REPLAYING));
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

    /** A line as it came, and which markers it holds. */
    private record Incoming(int number, String raw, KernelPrefix prefix, String message, Event own, boolean kernel, int marks) {
        boolean has(int marker) {
            return (marks & marker) != 0;
        }
    }

    /** A line kept until the reports over it are made: its own event, a report that starts on it, or claimed by one. */
    private static final class Held {
        final int number;
        Event event;
        int lines;
        boolean claimed;
        boolean startsReport;
        Made made;
        Line line;

        Held(int number, Event event) {
            this.number = number;
            this.event = event;
            this.lines = event == null ? 0 : 1;
        }
    }

    /** A line as a report sees it: its context and its message without the prefix. */
    private record Line(Incoming in, String context, String message, Held held) {
        int number() {
            return in.number;
        }
    }

    private void process(Incoming in, boolean replayedNext) {
        current = in.number;
        if (open.isEmpty() && !in.has(HEADER)) {
            // no report open: at most some wait for a panic line, and this line only needs passing on after them
            if (!waiting.isEmpty()) {
                if (in.has(PANIC)) {
                    waiting.forEach(m -> m.panicked = true);
                }
                held.addLast(new Held(in.number, in.own));
            } else {
                emit(in.own, in.number);
            }
            release();
            return;
        }
        if (!waiting.isEmpty() && in.has(PANIC)) {
            for (Made m : waiting) {
                m.panicked = true;
            }
        }
        // a line the console printed again after it ("replaying previous printk message") is the replay's report
        Kind kind = in.kernel && in.has(HEADER) && !replayedNext ? rules.kindStartingAt(in.raw) : null;
        // a header that goes on another report (a panic, an oops line, the OOM killer's victim) starts none
        // while a report is open or was just made
        boolean starts = kind != null && !((!open.isEmpty() || !waiting.isEmpty()) && continuesReport(in.raw));
        if (open.isEmpty() && waiting.isEmpty() && !starts) {
            emit(in.own, in.number);
            release();
            return;
        }
        String context = context(in.prefix);
        String message = in.message;
        if (context.isEmpty() && in.raw.contains("] ")) {
            // a console capture's stamp after other text ("syzkaller login: [  50.9] ...") that the line reader left in the message
            Matcher console = CONSOLE.matcher(in.raw);
            if (console.lookingAt()) {
                context = console.group(1) != null ? console.group(1) : "console";
                message = in.raw.substring(console.end());
            }
        }
        Held h = new Held(in.number, in.own);
        held.addLast(h);
        Line line = new Line(in, context, message, h);
        h.line = line;
        for (Window w : open) {
            w.add(line, kind != null, starts);
        }
        if (starts) {
            h.startsReport = true;
            // on a plain console the next report ends this one; with caller ids a task's report goes on
            // being read past another (syzkaller reads the task's lines to its end), though its range stops there
            for (Window w : open) {
                if (w.context.equals(context) && !isCaller(context)) {
                    close(w);
                    break;
                }
            }
            open.add(new Window(kind, line));
        }
        for (int i = 0; i < open.size(); i++) {
            Window w = open.get(i);
            if (in.number - w.start.number() >= WINDOW || w.settled && in.number - w.end > (w.needsStack ? QUIET : QUIET_SHORT)) {
                close(open.get(i--));
            }
        }
        release();
    }

    /** True when a report header on {@code line} may sit inside another report without starting one (a panic after an oops). */
    private boolean continuesReport(String line) {
        return notReportStarts.in(line);
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

    private static boolean isCaller(String context) {
        return !context.isEmpty() && !context.equals("console");
    }

    /** One report being collected: the lines of its context for its title text, and its lines for its range. */
    private final class Window {
        final Kind kind;
        final Line start;
        final String context;
        /** The lines of its text, in order (the text itself is joined when the report is made). */
        final List<Line> textLines = new ArrayList<>();
        /** The lines it owns: its text's and its context's questionable frames. */
        final List<Line> own = new ArrayList<>();
        /** How many of {@code textLines} the title is looked for in: up to another report, on a plain console. */
        int titleLines;
        /** The last line that held a report header, for the text of last resort (the raw lines through it). */
        int lastHeader;
        boolean secondReport;
        boolean cpuTraceback;
        boolean skipText;
        boolean panicked;
        /** The kind titles with a stack: its report is read on for one, as syzkaller reads on to the end. */
        final boolean needsStack;
        /** The last line of its range so far; {@code settled} once a gap or another report ended the range. */
        int end;
        boolean settled;

        Window(Kind kind, Line start) {
            this.kind = kind;
            this.start = start;
            this.context = start.context;
            this.end = start.number();
            this.needsStack = kind.formats().stream().anyMatch(f -> f.stack() != null && f.stack().parts().contains(ReportRules.Part.STACK));
            add(start, true, true);
        }

        void add(Line l, boolean header, boolean startsReport) {
            Incoming in = l.in;
            boolean first = l == start;
            if (!first && !settled && l.context.equals(context)) {
                if (l.number() - end > GAP || startsReport) {
                    settled = true; // the range ends at the last report line before a gap, or before the next report
                } else if (isReportLine(l)) {
                    end = l.number();
                }
            }
            if (header) {
                lastHeader = in.number;
            }
            panicked |= in.has(PANIC);
            if (!first && !secondReport && (header ? !continuesReport(in.raw) : in.has(INFO_WITH_STACK))) {
                secondReport = true; // another report, or a message that prints a stack of its own, starts here
            }
            boolean questionable = !in.has(EOI) && (in.has(QUESTION) || l.message.endsWith(" (unreliable)"));
            boolean mine = l.context.equals(context) || cpuTraceback && isCpuContext(l.context);
            if (!first && (!mine || questionable && !l.context.isEmpty())) {
                if (questionable && l.context.equals(context)) {
                    own.add(l); // a "? frame" is part of the trace though not of the text
                }
                return;
            }
            boolean skipLine = skipText;
            if (in.has(DISABLING_LOCKDEP)) {
                skipLine = true;
            } else if (in.has(SENDING_NMI)) {
                cpuTraceback = true; // an all-CPU backtrace: the other CPUs' lines belong to this report
            } else if (in.has(SECOND_STACK) && textLines.size() + 1 > minLines()) {
                // the panic that panic_on_warn adds, or the lockdep report an oops provokes, repeats a stack already seen
                skipText = true;
                skipLine = true;
            }
            if (!first && skipLine) {
                return;
            }
            own.add(l);
            if (textLines.size() < WINDOW) {
                textLines.add(l);
                if (!secondReport || isCaller(context)) {
                    titleLines = textLines.size();
                }
            }
        }

        private int minLines() {
            return start.in.raw.contains("BUG: KMSAN:") ? 16 : 22;
        }

        /** The report's text: its lines without their prefixes ("no stamp to strip": the line as written), and the length to title from. */
        String text(int[] titleChars) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < textLines.size(); i++) {
                Line l = textLines.get(i);
                sb.append(l.context.isEmpty() ? l.in.raw : l.message).append('\n');
                if (i + 1 == titleLines) {
                    titleChars[0] = sb.length();
                }
            }
            return sb.toString();
        }

        /** syzkaller's text of last resort: every raw line from the first through the last that held a header. */
        String fallback() {
            StringBuilder sb = new StringBuilder();
            for (Held h : held) {
                if (h.number >= start.number() && h.number <= lastHeader && h.line != null) {
                    sb.append(h.line.in.raw).append('\n');
                }
            }
            return sb.toString();
        }
    }

    private void close(Window w) {
        open.remove(w);
        int[] titleChars = {0};
        String text = w.text(titleChars);
        Titler.Title t = titler.title(w.kind, text, titleChars[0], w::fallback);
        int end = w.end;
        int lines = 1;
        List<Frame> found = new ArrayList<>();
        Fields fields = new Fields();
        boolean consoleCut = false;
        for (Line l : w.own) {
            if (l.number() > end) {
                break;
            }
            fields.read(l.message, fieldPatterns);
            consoleCut |= l.in.has(CONSOLE_CUT);
            if (l != w.start && !l.held.startsReport && !l.held.claimed && isTraceLine(l)) {
                Frame f = frames.frame(l.message, l.number());
                if (f == null) {
                    f = tableFrame(l.message, l.number()); // a shape the frame grammar does not read (arm's "(a) from (b+0x..)")
                }
                if (f != null) {
                    found.add(f);
                }
                l.held.claimed = true;
                lines += l.held.lines;
                l.held.lines = 0;
                l.held.event = null;
            }
        }
        Incoming s = w.start.in;
        boolean corrupted = t.corrupted() || consoleCut;
        Made made = new Made(new Origin(source, s.number, end), s, w.kind.id(), t, corrupted,
                corrupted ? (t.corruptedReason() != null ? t.corruptedReason() : "the console was cut") : null, fields, List.copyOf(found));
        made.panicked = w.panicked;
        Held first = w.start.held;
        first.made = made;
        first.event = null;
        first.lines = lines;
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

        int line() {
            return at.line();
        }

        KernelEvent.Report event() {
            return new KernelEvent.Report(at, start.raw, start.prefix == null ? KernelPrefix.NONE : start.prefix, start.message, kind,
                    title.title(), title.altTitles(), title.type(), title.reportClass(), title.frame(), corrupted, corruptedReason, panicked,
                    fields.task, fields.pid, fields.cpu, fields.seconds, frames);
        }
    }

    /**
     * A report line: a frame, a stack's start, a report's header, or one of the table's report
     * lines (registers, lockdep's chains, KASAN's shadow, ...). Asked of each line until a report's
     * range is settled, so it is made cheap: prefixes by first character, then patterns that each
     * need a literal the line must hold.
     */
    private boolean isReportLine(Line l) {
        String m = l.message;
        int i = 0;
        while (i < m.length() && (m.charAt(i) == ' ' || m.charAt(i) == '\t')) {
            i++;
        }
        if (i < m.length() && m.charAt(i) < 128) {
            String[] candidates = reportLinePrefixes[m.charAt(i)];
            if (candidates != null) {
                for (String p : candidates) {
                    if (m.startsWith(p, i)) {
                        return true;
                    }
                }
            }
        }
        return isTraceLine(l) || reportLinePatterns.in(m) || l.in.has(HEADER) && rules.kindStartingAt(l.in.raw) != null;
    }

    /**
     * A call-trace line the report owns: a stack's start or a frame. A frame names a function
     * followed by "+0x...", "." (".isra.0", ".cold") or "from" (arm's "(a) from (b)"); a line with
     * none of those characters is not asked of the frame patterns.
     */
    private boolean isTraceLine(Line l) {
        String m = l.message;
        return l.in.has(QUESTION) && !l.in.has(EOI) || (m.indexOf('+') >= 0 || m.indexOf('.') >= 0) && anyFrame.in(m)
                || anyStackStart.in(m);
    }

    private Frame tableFrame(String m, int line) {
        for (Pattern p : rules.stack().frames()) {
            Matcher fm = Match.search(p, m);
            if (fm != null && fm.groupCount() >= 1 && fm.group(1) != null) {
                return new Frame(line, fm.group(1), null, null, null, false);
            }
        }
        return null;
    }

    /** Lets go every held line before the first report still open or waiting for a panic. */
    private void release() {
        while (!waiting.isEmpty() && current - waiting.peek().line() >= WINDOW) {
            waiting.poll();
        }
        int limit = waiting.isEmpty() ? Integer.MAX_VALUE : waiting.peek().line();
        for (Window w : open) {
            limit = Math.min(limit, w.start.number());
        }
        while (!held.isEmpty() && held.peekFirst().number < limit) {
            Held h = held.pollFirst();
            if (h.made != null) {
                sink.event(h.made.event(), h.lines);
            } else if (h.event != null) {
                sink.event(h.event, h.lines);
            } else if (!h.claimed) {
                sink.structural(h.number);
            }
            // else: counted in its report
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

        void read(String line, Match.Each patterns) {
            if (task != null && pid != null && cpu != null && seconds != null) {
                return;
            }
            patterns.each(line, m -> {
                if (task == null) {
                    task = NamedGroups.of(m, "task");
                }
                if (pid == null) {
                    pid = integer(NamedGroups.of(m, "pid"));
                }
                if (cpu == null) {
                    cpu = integer(NamedGroups.of(m, "cpu"));
                }
                if (seconds == null) {
                    String s = NamedGroups.of(m, "seconds");
                    seconds = s == null ? null : Double.valueOf(s);
                }
            });
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
