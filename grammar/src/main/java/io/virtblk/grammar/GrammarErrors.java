package io.virtblk.grammar;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Keeps the first syntax error an ANTLR lexer or parser reports on one input line, in words a
 * user can act on ("expected ..., found ..."), with its 0-based column in that line.
 */
public final class GrammarErrors extends BaseErrorListener {

    private static final java.util.regex.Pattern MISSING = java.util.regex.Pattern.compile("missing (.*) at .*");
    private static final java.util.regex.Pattern EXPECTING = java.util.regex.Pattern.compile("(?:extraneous|mismatched) input .* expecting (.*)");

    /** What a lexer mode was waiting for, for messages about text no rule of the mode matches. */
    private static final java.util.Map<String, String> MODE_EXPECTS = java.util.Map.of(
            "HOST_MODE", "a host name after the time",
            "TAG_MODE", "a tag like 'kernel:' after the host");

    private String message;
    private int column = -1;

    public void reset() {
        message = null;
        column = -1;
    }

    public boolean any() {
        return message != null;
    }

    public String message() {
        return message;
    }

    /** 0-based column within the text the recognizer was given. */
    public int column() {
        return column;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (message != null) {
            return;
        }
        column = charPositionInLine;
        message = humanize(recognizer, offendingSymbol, msg, e);
    }

    private static String humanize(Recognizer<?, ?> recognizer, Object offending, String msg, RecognitionException e) {
        String found = offending instanceof Token t
                ? (t.getType() == Token.EOF ? "end of line" : quote(t.getText()))
                : null;
        if (e != null && recognizer instanceof org.antlr.v4.runtime.Parser && found != null) {
            // Only a parser knows what it expected; a lexer's exception has no parser state.
            var expected = e.getExpectedTokens();
            if (expected != null && !expected.isNil()) {
                return "expected " + expected.toString(recognizer.getVocabulary()) + ", found " + found;
            }
        }
        // ANTLR's own sentences, turned around to say what was expected first
        java.util.regex.Matcher m;
        if ((m = MISSING.matcher(msg)).matches() && found != null) {
            return "expected " + m.group(1) + ", found " + found;
        }
        if ((m = EXPECTING.matcher(msg)).matches() && found != null) {
            return "expected " + m.group(1) + ", found " + found;
        }
        if (msg.startsWith("no viable alternative") && found != null) {
            return "unexpected " + found;
        }
        if (msg.startsWith("token recognition error at: ")) {
            String text = msg.substring("token recognition error at: ".length());
            if (recognizer instanceof org.antlr.v4.runtime.Lexer lexer && lexer._mode < lexer.getModeNames().length) {
                String expects = MODE_EXPECTS.get(lexer.getModeNames()[lexer._mode]);
                if (expects != null) {
                    return "expected " + expects + ", found " + text;
                }
            }
            return "unexpected character " + text;
        }
        return msg;
    }

    private static String quote(String s) {
        return io.virtblk.input.Diagnostic.quote(s);
    }
}
