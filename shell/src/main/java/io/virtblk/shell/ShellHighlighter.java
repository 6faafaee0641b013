package io.virtblk.shell;

import io.virtblk.analyzer.store.Schema;
import io.virtblk.shell.command.Settings;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the line being typed: a known command bold, an unknown one red; options cyan; in
 * queries a known field green and an unknown one red, values yellow. Plain when colour is off.
 */
final class ShellHighlighter implements Highlighter {

    private static final AttributedStyle COMMAND = AttributedStyle.BOLD;
    private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle OPTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle FIELD = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle VALUE = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private final Commands commands;
    private final Settings settings;

    ShellHighlighter(Commands commands, Settings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!settings.color()) {
            return new AttributedString(buffer);
        }
        AttributedStringBuilder sb = new AttributedStringBuilder();
        int i = 0;
        boolean first = true;
        while (i < buffer.length()) {
            if (Character.isWhitespace(buffer.charAt(i))) {
                sb.append(buffer.charAt(i++));
                continue;
            }
            int end = i;
            while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
                end++;
            }
            String word = buffer.substring(i, end);
            if (first) {
                boolean known = commands.find(word).isPresent() || word.equals("quit") || word.equals("exit");
                sb.styled(known ? COMMAND : ERROR, word);
                first = false;
            } else if (word.startsWith("--")) {
                sb.styled(OPTION, word);
            } else if (word.indexOf(':') > 0 && Character.isLetter(word.charAt(0))) {
                int colon = word.indexOf(':');
                String field = word.substring(0, colon).replace("(", "");
                boolean known = Schema.field(field).isPresent() || field.equals("*");
                sb.styled(known ? FIELD : ERROR, word.substring(0, colon + 1));
                sb.styled(VALUE, word.substring(colon + 1));
            } else {
                sb.append(word);
            }
            i = end;
        }
        return sb.toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
    }

    @Override
    public void setErrorIndex(int errorIndex) {
    }
}
