package io.virtblk.grammar.kernel;

import io.virtblk.event.Ioctl;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelEvent.Frame;
import io.virtblk.event.KernelEvent.ReportKind;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.grammar.GrammarErrors;
import io.virtblk.grammar.Recognizers;
import io.virtblk.grammar.kernel.KernelMessageParser.*;
import java.util.List;
import java.util.function.BiConsumer;
import org.antlr.v4.runtime.Token;

/**
 * Gives kernel messages their meaning. A cheap classifier decides which messages can mean
 * anything (a known driver's lines, watchdog and crash signatures, call-trace frames); only
 * those go through {@link KernelMessageParser}. All others become plain messages with their
 * subsystem lead, which is what keeps a 2 GB log fast.
 */
public final class KernelMessageGrammar {

    /** Drivers whose own log lines we understand; each prints "name: " first. */
    static final String DRIVER = "virtblkiosim: ";

    private final KernelMessageLexer lexer = new KernelMessageLexer(null);
    private final KernelMessageParser parser = new KernelMessageParser(null);
    private final Recognizers<DriverMessageContext> driver = new Recognizers<>(lexer, parser, KernelMessageParser::driverMessage);

    /**
     * The event a message makes. {@code report} receives problems as (0-based column within the
     * message, text); a driver line that breaks its grammar yields null and one report.
     */
    public KernelEvent meaning(Origin at, String raw, KernelPrefix prefix, String message, BiConsumer<Integer, String> report) {
        if (!prefix.isKernel()) {
            // a journal's user-space lines: their "WARNING:" is not the kernel's
            return new KernelEvent.Message(at, raw, prefix, subsystem(message), message);
        }
        if (message.startsWith(DRIVER)) {
            return driverLine(at, raw, prefix, message, report);
        }
        if (mayBeSignature(message)) {
            KernelEvent r = signature(at, raw, prefix, message);
            if (r != null) {
                return r;
            }
        }
        return new KernelEvent.Message(at, raw, prefix, subsystem(message), message);
    }

    /** A call-trace frame or stack marker, or null when the message is neither. */
    public Frame frame(String message, int line) {
        String m = message.strip();
        if (m.isEmpty() || !(m.indexOf('+') > 0 || m.startsWith("<") || m.startsWith("[<") || m.indexOf(".c:") > 0)) {
            return null;
        }
        FrameContext tree = driver.parseWith(m, p -> ((KernelMessageParser) p).frame());
        if (driver.errors().any()) {
            return null;
        }
        return switch (tree) {
            case SymbolFrameContext f -> symbolFrame(line, f.FRAME_SYMBOL().getText(), f.MODULE() == null ? null : f.MODULE().getText(),
                    f.SOURCE_LINE() == null ? null : f.SOURCE_LINE().getText(), f.QMARK() != null);
            case SourceFrameContext f -> new Frame(line, f.WORD().getText(), null, null, f.SOURCE_LINE().getText(), f.QMARK() != null);
            case StackMarkerContext f -> new Frame(line, f.MARKER().getText(), null, null, null, false);
            default -> null;
        };
    }

    /** "Call Trace:" opens the frames of the report above it. */
    public static boolean isCallTraceHeader(String message) {
        return message.strip().equals("Call Trace:");
    }

    private static Frame symbolFrame(int line, String symbol, String module, String source, boolean uncertain) {
        int plus = symbol.indexOf("+0x");
        String mod = module == null ? null : module.substring(1, module.length() - 1);
        return new Frame(line, symbol.substring(0, plus), symbol.substring(plus + 1), mod, source, uncertain);
    }

    /**
     * What the grammar decided about a driver line, apart from where and when it was logged and the
     * ioctl argument: the same text always gives the same shape, so shapes are remembered and a
     * big log parses each distinct driver line once.
     */
    private interface Shape {
        KernelEvent make(Origin at, String raw, KernelPrefix prefix, String message, String arg);
    }

    private record Problem(int column, String message) {
    }

    private record Parsed(Shape shape, List<Problem> problems) {
    }

    private static final String ARG = " ===> arg: ";
    private static final String IOCTL_LINE = DRIVER + "===> ioctl()";
    private static final int REMEMBERED = 4096;
    private final java.util.Map<String, Parsed> shapes = new java.util.HashMap<>();

    private KernelEvent driverLine(Origin at, String raw, KernelPrefix prefix, String message, BiConsumer<Integer, String> report) {
        // only ioctl lines carry an argument; don't scan the others for one
        int argAt = message.startsWith(IOCTL_LINE) ? message.lastIndexOf(ARG) : -1;
        String arg = argAt < 0 ? null : message.substring(argAt + ARG.length());
        boolean plainArg = arg != null && !arg.isEmpty() && allDigits(arg);
        String key = plainArg ? message.substring(0, argAt) : message;
        Parsed parsed = shapes.get(key);
        if (parsed == null) {
            parsed = parseDriverLine(message);
            if (shapes.size() >= REMEMBERED) {
                shapes.clear();
            }
            shapes.put(key, parsed);
        }
        for (Problem p : parsed.problems()) {
            report.accept(p.column(), p.message());
        }
        return parsed.shape() == null ? null : parsed.shape().make(at, raw, prefix, message, arg);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private Parsed parseDriverLine(String message) {
        DriverMessageContext tree = driver.parse(message);
        GrammarErrors errors = driver.errors();
        if (errors.any()) {
            return new Parsed(null, List.of(new Problem(errors.column(), errors.message())));
        }
        String device = DRIVER.substring(0, DRIVER.length() - 2);
        List<Problem> problems = new java.util.ArrayList<>();
        Shape shape = switch (tree) {
            case EngageContext c -> {
                String data = c.data.getText();
                yield (at, raw, prefix, m, arg) -> new KernelEvent.Engage(at, raw, prefix, m, device, data);
            }
            case ReleaseContext c -> {
                String data = c.data.getText();
                yield (at, raw, prefix, m, arg) -> new KernelEvent.Release(at, raw, prefix, m, device, data);
            }
            case IoctlContext c -> {
                Ioctl ioctl = ioctl(c, (col, msg) -> problems.add(new Problem(col, msg)));
                yield (at, raw, prefix, m, arg) -> new KernelEvent.IoctlCall(at, raw, prefix, m, device, ioctl, arg);
            }
            case TransferContext c -> {
                int dir = Integer.parseInt(c.dir.getText());
                String meaning = textFrom(message, c.meaning.getFirst());
                yield (at, raw, prefix, m, arg) -> new KernelEvent.DataTransfer(at, raw, prefix, m, device, dir, meaning);
            }
            case IoctlSymbolContext c -> {
                String symbol = c.symbol.getText();
                yield (at, raw, prefix, m, arg) -> new KernelEvent.IoctlSymbol(at, raw, prefix, m, device, symbol);
            }
            case RegisteredContext c -> {
                int major = Integer.parseInt(c.major.getText());
                yield (at, raw, prefix, m, arg) -> new KernelEvent.Module(at, raw, prefix, m, device, true, major);
            }
            case UnregisteredContext c -> (at, raw, prefix, m, arg) -> new KernelEvent.Module(at, raw, prefix, m, device, false, null);
            default -> (at, raw, prefix, m, arg) -> new KernelEvent.DriverNote(at, raw, prefix, m, device, m.substring(DRIVER.length()));
        };
        return new Parsed(shape, List.copyOf(problems));
    }

    /** Decodes the call ID and checks the fields the driver logged beside it. */
    private static Ioctl ioctl(IoctlContext c, BiConsumer<Integer, String> report) {
        Ioctl ioctl = Ioctl.decode(Long.parseLong(c.cmd.getText().substring(2), 16));
        check(report, c.dir, "dir", ioctl.dir());
        check(report, c.size, "size", ioctl.size());
        check(report, c.chr, "chr", ioctl.type());
        check(report, c.func, "func", ioctl.nr());
        String quoted = c.QUOTED().getText();
        String shown = quoted.substring(1, quoted.length() - 1);
        if (!shown.equals(ioctl.typeChar())) {
            report.accept(c.QUOTED().getSymbol().getCharPositionInLine(),
                    "ioctl call ID 0x" + Long.toHexString(ioctl.cmd()) + " has type character '" + ioctl.typeChar()
                            + "', but the line logs " + quoted);
        }
        return ioctl;
    }

    private static void check(BiConsumer<Integer, String> report, Token logged, String field, int decoded) {
        long value = Long.parseLong(logged.getText().substring(2), 16);
        if (value != decoded) {
            report.accept(logged.getCharPositionInLine(), "ioctl call ID says " + field + " 0x" + Integer.toHexString(decoded)
                    + ", but the line logs " + field + ": " + logged.getText());
        }
    }

    /** Words that report lines contain, by their first letter; every one starts with a distinct capital. */
    private static final String[] SIGNATURE_WORDS = new String['W' + 1];

    static {
        for (String w : List.of("BUG", "INFO:", "LOCKUP", "Oops:", "WARNING:", "Kernel panic", "Call Trace:")) {
            SIGNATURE_WORDS[w.charAt(0)] = w;
        }
    }

    /**
     * True when the message holds one of the words a report starts with. One pass that stops
     * only at capitals: this runs on every kernel line of a big log, where ten {@code contains}
     * calls cost more than the rest of the line's parse.
     */
    static boolean mayBeSignature(String m) {
        for (int i = 0, n = m.length(); i < n; i++) {
            char c = m.charAt(i);
            if (c <= 'W') {
                String word = SIGNATURE_WORDS[c];
                if (word != null && m.startsWith(word, i)) {
                    return true;
                }
            }
        }
        return m.startsWith("general protection fault");
    }

    /** A watchdog or crash report's first line, or null when the keywords were a coincidence. */
    private KernelEvent.Report signature(Origin at, String raw, KernelPrefix prefix, String message) {
        SignatureContext tree = driver.parseWith(message, p -> ((KernelMessageParser) p).signature());
        if (driver.errors().any() || tree instanceof CallTraceContext) {
            return null;
        }
        String title = message.substring(signatureStart(tree)).strip();
        return switch (tree) {
            case HungTaskContext c -> {
                String task = textOf(message, c.task);
                int colon = task.lastIndexOf(':');
                yield report(at, raw, prefix, message, ReportKind.HUNG_TASK, title, colon < 0 ? task : task.substring(0, colon),
                        colon < 0 ? null : parseInt(task.substring(colon + 1)), null, Double.parseDouble(c.seconds.getText()));
            }
            case SoftLockupContext c -> {
                String task = textOf(message, c.task);
                int colon = task.lastIndexOf(':');
                String d = c.duration.getText();
                yield report(at, raw, prefix, message, ReportKind.SOFT_LOCKUP, title, colon < 0 ? task : task.substring(0, colon),
                        colon < 0 ? null : parseInt(task.substring(colon + 1)), parseInt(c.cpu.getText().substring(4)),
                        d.endsWith("s") ? parseDouble(d.substring(0, d.length() - 1)) : null);
            }
            case HardLockupContext c -> report(at, raw, prefix, message, ReportKind.HARD_LOCKUP, title, null, null,
                    parseInt(c.cpu.getText()), null);
            case RcuStallContext c -> report(at, raw, prefix, message, ReportKind.RCU_STALL, title, null, null, null, null);
            case KernelBugContext c -> report(at, raw, prefix, message, ReportKind.BUG, title, null, null, null, null);
            case BugContext c -> report(at, raw, prefix, message, ReportKind.BUG, title, null, null, null, null);
            case OopsContext c -> report(at, raw, prefix, message, ReportKind.OOPS, title, null, null, null, null);
            case WarningContext c -> report(at, raw, prefix, message, ReportKind.WARNING, title, null, null, null, null);
            case GpfContext c -> report(at, raw, prefix, message, ReportKind.GENERAL_PROTECTION_FAULT, title, null, null, null, null);
            case PanicContext c -> report(at, raw, prefix, message, ReportKind.PANIC, title, null, null, null, null);
            default -> null;
        };
    }

    private static KernelEvent.Report report(Origin at, String raw, KernelPrefix prefix, String message, ReportKind kind, String title,
                                             String task, Integer pid, Integer cpu, Double seconds) {
        return new KernelEvent.Report(at, raw, prefix, message, kind, title, task, pid, cpu, seconds, List.of());
    }

    /** Where the signature itself begins: the token after any text glued before it. */
    private static int signatureStart(SignatureContext tree) {
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (tree.getChild(i) instanceof org.antlr.v4.runtime.tree.TerminalNode t) {
                int type = t.getSymbol().getType();
                if (type == KernelMessageLexer.HUNG_TASK || type == KernelMessageLexer.SOFT_LOCKUP
                        || type == KernelMessageLexer.HARD_LOCKUP || type == KernelMessageLexer.KERNEL_BUG
                        || type == KernelMessageLexer.BUG || type == KernelMessageLexer.OOPS
                        || type == KernelMessageLexer.WARNING || type == KernelMessageLexer.GPF
                        || type == KernelMessageLexer.PANIC) {
                    return signatureOwner(tree, i);
                }
                if (type == KernelMessageLexer.RCU_STALL) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Soft and hard lockups are signed by "watchdog:" / "NMI watchdog:" in front; keep it in the title. */
    private static int signatureOwner(SignatureContext tree, int index) {
        int start = ((org.antlr.v4.runtime.tree.TerminalNode) tree.getChild(index)).getSymbol().getStartIndex();
        if (index >= 2 && tree.getChild(index - 1).getText().equals(":") && tree.getChild(index - 2).getText().equals("watchdog")) {
            int w = ((org.antlr.v4.runtime.tree.TerminalNode) tree.getChild(index - 2)).getSymbol().getStartIndex();
            if (index >= 3 && tree.getChild(index - 3).getText().equals("NMI")) {
                w = ((org.antlr.v4.runtime.tree.TerminalNode) tree.getChild(index - 3)).getSymbol().getStartIndex();
            }
            return w;
        }
        return start;
    }

    private static String textOf(String message, List<Token> tokens) {
        return message.substring(tokens.getFirst().getStartIndex(), tokens.getLast().getStopIndex() + 1);
    }

    private static String textFrom(String message, Token first) {
        return message.substring(first.getStartIndex()).strip();
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The "who says it" lead of a message: {@code usb 3-3}, {@code EXT4-fs (sda1)}, {@code audit}.
     * Null when the message has no short lead before its first ": ".
     */
    public static String subsystem(String message) {
        int colon = message.indexOf(": ");
        if (colon <= 0 || colon > 40) {
            return null;
        }
        for (int i = 0; i < colon; i++) {
            char c = message.charAt(i);
            if (c == '=' || c == '[' || c == '"' || c == '<') {
                return null;
            }
        }
        return message.substring(0, colon);
    }
}
