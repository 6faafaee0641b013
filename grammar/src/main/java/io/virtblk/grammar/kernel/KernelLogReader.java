package io.virtblk.grammar.kernel;

import io.virtblk.event.Event;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelFormat;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.grammar.EventSink;
import io.virtblk.grammar.report.ReportRules;
import io.virtblk.grammar.report.ReportScanner;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.time.LocalDateTime;

/**
 * Reads kernel log lines, in any of the formats of {@link KernelFormat}, into kernel events.
 *
 * <p>State it keeps between lines: the year that syslog stamps lack (from a hint, rolled over
 * when the months wrap) and the format the log started in (a later line that lost its stamp is a
 * diagnostic). Every line, read or not, then passes through a {@link ReportScanner}, which makes
 * kernel reports (oops, BUG, hung task, ...) into one event each and lets the rest go in order.
 */
public final class KernelLogReader {

    private final String source;
    private final EventSink sink;
    private final KernelLineGrammar lines = new KernelLineGrammar();
    private final KernelMessageGrammar messages;
    private final ReportScanner reports;
    private int year;
    private LocalDateTime lastWallClock;
    private KernelFormat expected;
    private KernelPrefix lastPrefix;
    private String context = "kernel log";
    private final TestHeader testHeader = new TestHeader();

    public KernelLogReader(String source, EventSink sink, int year) {
        this(source, sink, year, ReportRules.builtIn());
    }

    /** Reads with a table of report kinds of the user's ({@code --reports}, ~/.config/virtblk-shell/reports). */
    public KernelLogReader(String source, EventSink sink, int year, ReportRules rules) {
        this(source, sink, year, rules, io.virtblk.grammar.driver.DriverLines.none());
    }

    /** As {@link #KernelLogReader(String, EventSink, int, ReportRules)}, with the lines of drivers defined by files. */
    public KernelLogReader(String source, EventSink sink, int year, ReportRules rules, io.virtblk.grammar.driver.DriverLines drivers) {
        this.messages = new KernelMessageGrammar(drivers);
        this.source = source;
        this.sink = sink;
        this.year = year;
        this.reports = new ReportScanner(source, rules, sink, messages::frame);
    }

    /** The year syslog stamps are dated in from here on (a transcript learns it from fio). */
    public void year(int year) {
        if (this.year != year) {
            this.year = year;
            lastWallClock = null;
        }
    }

    /** Starts a new block of log lines (a new {@code tailf} in a transcript): its format may differ. */
    public void newBlock(String context) {
        finish();
        expected = null;
        lastPrefix = null;
        this.context = context;
    }

    public void line(Line line) {
        String text = line.text();
        if (testHeader.metadata(text)) {
            reports.line(line.number(), text, null, text,
                    text.isBlank() ? null : new RawLine(Origin.of(source, line.number()), text, TestHeader.CONTEXT), false);
            return;
        }
        if (text.isBlank() || text.startsWith("-- ")) {
            // journalctl's "-- Logs begin at ... --" / "-- Reboot --" banners say nothing about the kernel,
            // but the first one states the year its short stamps leave out: it beats the file's date
            JournalBanner.beginYear(text).ifPresent(this::year);
            reports.line(line.number(), text, null, text, null, false);
            return;
        }
        if (lastPrefix != null && expected != null && expected != KernelFormat.DMESG && text.startsWith("        ")) {
            // journalctl and rsyslog indent the continuation lines of a multi-line message
            KernelEvent.Message more = new KernelEvent.Message(Origin.of(source, line.number()), text, lastPrefix, null, text.strip());
            reports.line(line.number(), text, lastPrefix, text.strip(), more, lastPrefix.isKernel());
            return;
        }
        ParsedLine parsed = lines.parse(text, year);
        if (!parsed.ok()) {
            keepRaw(line, parsed.errorColumn() + 1, parsed.error());
            return;
        }
        KernelPrefix prefix = rolledOver(parsed.prefix());
        String message = parsed.message();
        int messageColumn = parsed.messageColumn();
        if (prefix.format() == KernelFormat.DMESG && prefix.host() == null) {
            // journalctl -o short-monotonic ("[ 12.3] host kernel: msg") and Ubuntu's /var/log/dmesg ("[ 0.4] kernel: msg")
            int tag = message.startsWith("kernel: ") ? 0 : message.indexOf(" kernel: ");
            if (tag == 0 || (tag > 0 && message.indexOf(' ') == tag)) {
                String host = tag == 0 ? null : message.substring(0, tag);
                int skip = tag == 0 ? "kernel: ".length() : tag + " kernel: ".length();
                prefix = new KernelPrefix(prefix.format(), prefix.wallClock(), prefix.offset(), prefix.mono(), host, "kernel",
                        prefix.priority(), prefix.caller());
                message = message.substring(skip);
                messageColumn += skip;
            }
        }
        if (expected == null && prefix.format() != KernelFormat.CONSOLE) {
            expected = prefix.format();
        } else if (expected != null && expected != KernelFormat.DMESG && prefix.format() == KernelFormat.CONSOLE) {
            // syslog daemons stamp every line; a console (dmesg) may print unstamped continuations
            keepRaw(line, 1, "expected " + shapeOf(expected) + ", found " + Diagnostic.quote(text));
            return;
        }
        Origin at = Origin.of(source, line.number());
        lastPrefix = prefix;
        int[] firstColumn = {-1};
        String[] problem = {null};
        int mc = messageColumn;
        KernelEvent event = messages.meaning(at, text, prefix, message, (col, msg) -> {
            if (problem[0] == null) {
                firstColumn[0] = mc + col + 1;
                problem[0] = msg;
            } else {
                problem[0] = problem[0] + "; " + msg;
            }
        });
        if (event == null) {
            keepRaw(line, firstColumn[0], problem[0]);
            return;
        }
        if (problem[0] != null) {
            sink.diagnostic(new Diagnostic(source, line.number(), firstColumn[0], problem[0]));
        }
        reports.line(line.number(), text, prefix, message, event, prefix.isKernel());
    }

    /** Ends the open reports, if any, and lets every held event go. Call at the end of the input. */
    public void finish() {
        reports.finish();
    }

    private void keepRaw(Line line, int column, String problem) {
        sink.diagnostic(new Diagnostic(source, line.number(), Math.max(column, 1), problem));
        reports.line(line.number(), line.text(), null, line.text(), new RawLine(Origin.of(source, line.number()), line.text(), context), true);
    }

    /** Syslog has no year: when the clock jumps back by months, the year turned. */
    private KernelPrefix rolledOver(KernelPrefix p) {
        if (p.format() != KernelFormat.SYSLOG || p.wallClock() == null) {
            return p;
        }
        LocalDateTime t = p.wallClock();
        if (lastWallClock != null && t.isBefore(lastWallClock.minusDays(180))) {
            year++;
            t = t.plusYears(1);
            p = new KernelPrefix(p.format(), t, p.offset(), p.mono(), p.host(), p.tag(), p.priority(), p.caller());
        }
        lastWallClock = t;
        return p;
    }

    private static String shapeOf(KernelFormat f) {
        return switch (f) {
            case SYSLOG -> "a syslog line like 'Nov 11 04:25:30 host kernel: ...'";
            case RFC3339 -> "an RFC 3339 line like '2016-12-05T20:31:05-08:00 host kernel: ...'";
            case DMESG -> "a dmesg line like '[  612.551966] ...'";
            case DMESG_CTIME -> "a dmesg -T line like '[Mon Feb 11 19:22:56 2019] ...'";
            case CONSOLE -> "a kernel message";
        };
    }
}
