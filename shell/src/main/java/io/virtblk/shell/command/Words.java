package io.virtblk.shell.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words; single or double quotes keep spaces, a backslash escapes.
 * Each word remembers its span in the line, so a query keeps its quotes exactly as typed.
 */
public final class Words {

    /** A word without its quotes, and where it stood in the line (with them). */
    public record Span(String word, int start, int end) {
    }

    private Words() {
    }

    public static List<Span> spans(String line) {
        List<Span> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int start = 0;
        char quote = 0;
        int opened = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (!inWord && !Character.isWhitespace(c)) {
                inWord = true;
                start = i;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                opened = i;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(new Span(cur.toString(), start, i));
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new UsageException("column " + (opened + 1) + ": this " + quote + " quote is not closed; close it, or write \\" + quote
                    + " for the character itself\n  " + line + "\n  " + " ".repeat(opened) + "^");
        }
        if (inWord) {
            words.add(new Span(cur.toString(), start, line.length()));
        }
        return words;
    }
}
