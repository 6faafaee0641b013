package io.virtblk.grammar.virtblkiosim;

import io.virtblk.event.Ioctl;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.grammar.GrammarErrors;
import io.virtblk.grammar.Recognizers;
import io.virtblk.grammar.driver.DriverGrammar;
import io.virtblk.grammar.virtblkiosim.VirtblkiosimParser.*;
import java.util.List;
import java.util.function.BiConsumer;
import org.antlr.v4.runtime.Token;

/**
 * The virtblkiosim driver's lines ({@link VirtblkiosimParser}): the first driver's message
 * recogniser. Its model, hazards and reproducer live in replay's {@code io.virtblk.replay.virtblkiosim};
 * its grammar lives here, at load, because the store and the grammar's own examples read its lines
 * without replay. A broken line is a diagnostic at its column, and the line is kept raw.
 */
public final class VirtblkiosimGrammar implements DriverGrammar {

    static final String NAME = "virtblkiosim";
    private static final String PREFIX = NAME + ": ";

    private final Recognizers<LineContext> parser = new Recognizers<>(new VirtblkiosimLexer(null), new VirtblkiosimParser(null),
            VirtblkiosimParser::line);

    @Override
    public String name() {
        return NAME;
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
    private static final String IOCTL_LINE = PREFIX + "===> ioctl()";
    private static final int REMEMBERED = 4096;
    private final java.util.Map<String, Parsed> shapes = new java.util.HashMap<>();

    @Override
    public KernelEvent meaning(Origin at, String raw, KernelPrefix prefix, String message, BiConsumer<Integer, String> report) {
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
        LineContext tree = parser.parse(message);
        GrammarErrors errors = parser.errors();
        if (errors.any()) {
            return new Parsed(null, List.of(new Problem(errors.column(), errors.message())));
        }
                List<Problem> problems = new java.util.ArrayList<>();
        Shape shape;
        try {
            shape = shape(tree, message, NAME, problems);
        } catch (NotAField e) {
            return new Parsed(null, List.of(new Problem(e.token.getCharPositionInLine(), "expected " + e.expected + ", found "
                    + io.virtblk.input.Diagnostic.quote(e.token.getText()))));
        }
        return new Parsed(shape, List.copyOf(problems));
    }

    private static Shape shape(LineContext tree, String message, String device, List<Problem> problems) {
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
            default -> (at, raw, prefix, m, arg) -> new KernelEvent.DriverNote(at, raw, prefix, m, device, m.substring(PREFIX.length()));
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
}
