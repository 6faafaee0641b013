package io.virtblk.grammar.kernel;

import io.virtblk.event.KernelFormat;
import io.virtblk.event.KernelPrefix;
import io.virtblk.grammar.GrammarErrors;
import io.virtblk.grammar.Recognizers;
import java.time.DateTimeException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Splits kernel log lines into prefix and message with {@link KernelLineLexer} and
 * {@link KernelLineParser}: SLL prediction with bail-out first, full LL with error reporting only
 * for lines that fail. One instance per thread: it reuses its lexer and parser.
 */
public final class KernelLineGrammar {

    private final FastPrefix fastPrefix = new FastPrefix();
    private final KernelLineLexer lexer = new KernelLineLexer(null);
    private final KernelLineParser parser = new KernelLineParser(null);
    private final Recognizers<KernelLineParser.LineContext> two = new Recognizers<>(lexer, parser, KernelLineParser::line);

    /** Splits {@code text}; {@code year} dates syslog stamps, which carry none. */
    public ParsedLine parse(String text, int year) {
        ParsedLine fast = fastPrefix.parse(text, year);
        return fast != null ? fast : parseWithGrammar(text, year);
    }

    /** The grammar alone, without the fast path in front; the reference the fast path is tested against. */
    public ParsedLine parseWithGrammar(String text, int year) {
        GrammarErrors errors = two.errors();
        KernelLineParser.LineContext tree = two.parse(text);
        if (errors.any()) {
            return ParsedLine.failed(errors.message(), errors.column());
        }
        try {
            return split(tree, text, year);
        } catch (DateTimeException e) {
            return ParsedLine.failed("impossible time in the stamp (" + e.getMessage() + ")", 0);
        }
    }

    private static ParsedLine split(KernelLineParser.LineContext tree, String text, int year) {
        return switch (tree) {
            case KernelLineParser.SyslogLineContext c -> withMessage(text, c.message(), new KernelPrefix(
                    KernelFormat.SYSLOG, Stamps.syslog(c.SYSLOG_STAMP().getText(), year), null,
                    mono(c.mono()), c.HOST().getText(), tag(c.TAG()), priority(c.PRIORITY()), caller(c.mono())));
            case KernelLineParser.IsoLineContext c -> withMessage(text, c.message(), new KernelPrefix(
                    KernelFormat.RFC3339, Stamps.iso(c.ISO_STAMP().getText()), Stamps.isoOffset(c.ISO_STAMP().getText()),
                    mono(c.mono()), c.HOST().getText(), tag(c.TAG()), priority(c.PRIORITY()), caller(c.mono())));
            case KernelLineParser.CtimeLineContext c -> withMessage(text, c.message(), new KernelPrefix(
                    KernelFormat.DMESG_CTIME, Stamps.ctime(c.CTIME_STAMP().getText()), null, null, null, null,
                    priority(c.PRIORITY()), null));
            case KernelLineParser.MonoLineContext c -> withMessage(text, c.message(), new KernelPrefix(
                    KernelFormat.DMESG, null, null, Stamps.mono(c.MONO_STAMP().getText()), null, null,
                    priority(c.PRIORITY()), callerText(c.CALLER())));
            case KernelLineParser.BareLineContext c -> c.PRIORITY() == null
                    ? withMessage(text, c.message(), KernelPrefix.NONE)
                    : withMessage(text, c.message(), new KernelPrefix(KernelFormat.CONSOLE, null, null, null, null, null,
                    priority(c.PRIORITY()), null));
            default -> ParsedLine.failed("not a kernel log line", 0);
        };
    }

    /** The message starts after the one blank that separates it from the prefix. */
    private static ParsedLine withMessage(String text, KernelLineParser.MessageContext message, KernelPrefix prefix) {
        if (message == null) {
            return ParsedLine.ok(prefix, "", text.length());
        }
        int start = message.getStart().getStartIndex();
        if (prefix != KernelPrefix.NONE && start < text.length() && text.charAt(start) == ' ') {
            start++;
        }
        return ParsedLine.ok(prefix, text.substring(start), start);
    }

    private static Double mono(KernelLineParser.MonoContext mono) {
        return mono == null ? null : Stamps.mono(mono.TAG_MONO().getText());
    }

    private static String caller(KernelLineParser.MonoContext mono) {
        return mono == null ? null : callerText(mono.CALLER());
    }

    private static String callerText(TerminalNode caller) {
        if (caller == null) {
            return null;
        }
        String t = caller.getText();
        return t.substring(1, t.length() - 1).strip();
    }

    private static String tag(TerminalNode tag) {
        String t = tag.getText();
        t = t.substring(0, t.length() - 1);
        int pid = t.indexOf('[');
        return pid < 0 ? t : t.substring(0, pid);
    }

    private static Integer priority(TerminalNode p) {
        if (p == null) {
            return null;
        }
        Token t = p.getSymbol();
        String s = t.getText();
        return Integer.parseInt(s.substring(1, s.length() - 1));
    }
}
