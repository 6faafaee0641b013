package io.virtblk.grammar.kernel;

import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelEvent.Frame;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.grammar.Recognizers;
import io.virtblk.grammar.driver.DriverGrammar;
import io.virtblk.grammar.driver.DriverGrammars;
import io.virtblk.grammar.driver.DriverLines;
import io.virtblk.grammar.kernel.CallTraceParser.*;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Gives kernel messages their meaning. A driver's own lines (each starts with the driver's name)
 * go to that driver's grammar ({@link DriverGrammar}, found on the class path) or, for a driver
 * defined by a file, its patterns ({@link DriverLines}); call-trace frames to
 * {@link CallTraceParser}. Kernel reports (oops, BUG, hung task, ...) span many lines and are
 * found by {@link io.virtblk.grammar.report.ReportScanner} from the table of report kinds. All
 * others become plain messages with their subsystem lead, which is what keeps a 2 GB log fast:
 * such a message costs one {@code startsWith} per driver.
 */
public final class KernelMessageGrammar {

    /** The Java drivers' grammars, this reader's own, with the prefix each driver's lines start with. */
    private final List<DriverGrammar> drivers;
    private final String[] prefixes;

    /** Lines of the drivers defined by files: tried after the Java drivers'. */
    private final DriverLines defined;

    private final Recognizers<FrameContext> frames = new Recognizers<>(new CallTraceLexer(null), new CallTraceParser(null), CallTraceParser::frame);

    public KernelMessageGrammar() {
        this(DriverLines.none());
    }

    public KernelMessageGrammar(DriverLines defined) {
        this(DriverGrammars.fresh(), defined);
    }

    public KernelMessageGrammar(List<DriverGrammar> drivers, DriverLines defined) {
        this.drivers = List.copyOf(drivers);
        this.prefixes = drivers.stream().map(d -> d.name() + ": ").toArray(String[]::new);
        this.defined = defined;
    }

    /**
     * The event a message makes. {@code report} receives problems as (0-based column within the
     * message, text); a driver line that breaks its grammar yields null and one report.
     */
    public KernelEvent meaning(Origin at, String raw, KernelPrefix prefix, String message, BiConsumer<Integer, String> report) {
        if (!prefix.isKernel()) {
            // a journal's user-space lines: their "WARNING:" is not the kernel's
            return new KernelEvent.Message(at, raw, prefix, subsystem(message), message);
        }
        for (int i = 0; i < prefixes.length; i++) {
            if (message.startsWith(prefixes[i])) {
                return drivers.get(i).meaning(at, raw, prefix, message, report);
            }
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
        FrameContext tree = frames.parse(m);
        if (frames.errors().any()) {
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
