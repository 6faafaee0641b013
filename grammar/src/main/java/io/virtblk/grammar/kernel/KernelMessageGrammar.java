package io.virtblk.grammar.kernel;

import io.virtblk.grammar.driver.DriverLines;
import io.virtblk.event.Ioctl;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelEvent.Frame;
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
 * anything (a known driver's lines, call-trace frames); only those go through
 * {@link KernelMessageParser}. Kernel reports (oops, BUG, hung task, ...) span many lines and are
 * found by {@link io.virtblk.grammar.report.ReportScanner} from the table of report kinds. All others become plain messages with their
 * subsystem lead, which is what keeps a 2 GB log fast.
 */
public final class KernelMessageGrammar {

    /** Drivers whose own log lines we understand; each prints "name: " first. */
    static final String DRIVER = "virtblkiosim: ";

    /** Lines of the drivers defined by files: tried after the built-in driver's. */
    private final DriverLines defined;

    public KernelMessageGrammar() {
        this(DriverLines.none());
    }

    public KernelMessageGrammar(DriverLines defined) {
        this.defined = defined;
    }

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
        if (!defined.isEmpty()) {
            KernelEvent e = defined.meaning(at, raw, prefix, message);
            if (e != null) {
                return e;
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
        Shape shape;
        try {
            shape = shape(tree, message, device, problems);
        } catch (NotAField e) {
            return new Parsed(null, List.of(new Problem(e.token.getCharPositionInLine(), "expected " + e.expected + ", found "
                    + io.virtblk.input.Diagnostic.quote(e.token.getText()))));
        }
        return new Parsed(shape, List.copyOf(problems));
    }

    private static Shape shape(DriverMessageContext tree, String message, String device, List<Problem> problems) {
        return switch (tree) {
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
                int dir = whole(c.dir);
                String meaning = textFrom(message, c.meaning.getFirst());
                yield (at, raw, prefix, m, arg) -> new KernelEvent.DataTransfer(at, raw, prefix, m, device, dir, meaning);
            }
            case IoctlSymbolContext c -> {
                String symbol = c.symbol.getText();
                yield (at, raw, prefix, m, arg) -> new KernelEvent.IoctlSymbol(at, raw, prefix, m, device, symbol);
            }
            case RegisteredContext c -> {
                int major = whole(c.major);
                yield (at, raw, prefix, m, arg) -> new KernelEvent.Module(at, raw, prefix, m, device, true, major);
            }
            case UnregisteredContext c -> (at, raw, prefix, m, arg) -> new KernelEvent.Module(at, raw, prefix, m, device, false, null);
            default -> (at, raw, prefix, m, arg) -> new KernelEvent.DriverNote(at, raw, prefix, m, device, m.substring(DRIVER.length()));
        };
    }

    /** Decodes the call ID and checks the fields the driver logged beside it. */
    private static Ioctl ioctl(IoctlContext c, BiConsumer<Integer, String> report) {
        Ioctl ioctl = Ioctl.decode(hex(c.cmd));
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
        long value = hex(logged);
        if (value != decoded) {
            report.accept(logged.getCharPositionInLine(), "ioctl call ID says " + field + " 0x" + Integer.toHexString(decoded)
                    + ", but the line logs " + field + ": " + logged.getText());
        }
    }

    /**
     * A number the grammar took (its tokens have any number of digits, and a fraction) that the
     * event's field cannot hold: the line is kept raw with a diagnostic, as when the grammar fails.
     */
    private static final class NotAField extends RuntimeException {
        final Token token;
        final String expected;

        NotAField(Token token, String expected) {
            super(expected, null, false, false);
            this.token = token;
            this.expected = expected;
        }
    }

    /** A {@code 0x...} field; a long holds sixteen hex digits (found by fuzzing: 58 digits of call ID). */
    private static long hex(Token t) {
        try {
            return Long.parseLong(t.getText().substring(2), 16);
        } catch (NumberFormatException e) {
            throw new NotAField(t, "a hexadecimal value of at most 16 digits");
        }
    }

    private static int whole(Token t) {
        try {
            return Integer.parseInt(t.getText());
        } catch (NumberFormatException e) {
            throw new NotAField(t, "a whole number below 2^31");
        }
    }

    private static String textFrom(String message, Token first) {
        return message.substring(first.getStartIndex()).strip();
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
