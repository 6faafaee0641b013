package io.virtblk.grammar;

import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * A lexer and parser pair reused line after line, parsing the way the ANTLR docs advise for
 * speed: SLL prediction with a bail-out strategy first; only a line that fails that is parsed
 * again with full LL and the default strategy, to find the real error and its column.
 *
 * @param <T> the entry rule's context
 */
public final class Recognizers<T extends ParserRuleContext> {

    private final Lexer lexer;
    private final Parser parser;
    private final Function<Parser, T> entry;
    private final CommonTokenStream tokens;
    private final GrammarErrors errors = new GrammarErrors();
    private final BailErrorStrategy bail = new BailErrorStrategy();
    private final DefaultErrorStrategy report = new DefaultErrorStrategy();

    @SuppressWarnings("unchecked")
    public <P extends Parser> Recognizers(Lexer lexer, P parser, Function<P, T> entry) {
        this.lexer = lexer;
        this.parser = parser;
        this.entry = p -> entry.apply((P) p);
        this.tokens = new CommonTokenStream(lexer);
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
    }

    public GrammarErrors errors() {
        return errors;
    }

    /** Parses one line; afterwards {@link #errors()} says whether and where it failed. */
    public T parse(String text) {
        errors.reset();
        T tree;
        try {
            tree = run(text, PredictionMode.SLL, bail);
        } catch (ParseCancellationException e) {
            tree = null;
        }
        if (tree != null && !errors.any()) {
            return tree;
        }
        errors.reset();
        return run(text, PredictionMode.LL, report);
    }

    /** Parses {@code text} with another entry rule of the same parser. */
    public <R extends ParserRuleContext> R parseWith(String text, Function<Parser, R> rule) {
        errors.reset();
        try {
            reset(text, PredictionMode.SLL, bail);
            R tree = rule.apply(parser);
            if (!errors.any()) {
                return tree;
            }
        } catch (ParseCancellationException e) {
            // fall through to the reporting parse
        }
        errors.reset();
        reset(text, PredictionMode.LL, report);
        return rule.apply(parser);
    }

    private T run(String text, PredictionMode mode, DefaultErrorStrategy strategy) {
        reset(text, mode, strategy);
        return entry.apply(parser);
    }

    private void reset(String text, PredictionMode mode, DefaultErrorStrategy strategy) {
        lexer.setInputStream(CharStreams.fromString(text));
        tokens.setTokenSource(lexer);
        parser.setTokenStream(tokens);
        parser.setErrorHandler(strategy);
        parser.getInterpreter().setPredictionMode(mode);
    }
}
