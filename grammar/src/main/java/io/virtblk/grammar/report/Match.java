package io.virtblk.grammar.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pattern tests run on the lines a report window holds, made cheap: a pattern anchored with
 * {@code ^} is tried at the start only ({@code lookingAt}, where {@code find} would try it at
 * every position and fail at each), and a pattern that can only match where some literal text
 * occurs ({@code " invoked oom-killer"}, {@code "Call "}) is not tried on a line without it —
 * {@link String#indexOf} finds that far faster than the regex engine finds its absence.
 */
final class Match {

    private Match() {
    }

    static boolean found(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return anchored(p) ? m.lookingAt() : m.find();
    }

    /** The matcher after a successful search, or null. */
    static Matcher search(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return (anchored(p) ? m.lookingAt() : m.find()) ? m : null;
    }

    static boolean any(List<Pattern> patterns, String text) {
        for (Pattern p : patterns) {
            if (found(p, text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Patterns tried one by one, each with a matcher kept for reuse (a line's test allocates
     * nothing), each skipped on a line without the literal it needs.
     */
    static final class Each {
        private final Matcher[] matchers;
        private final boolean[] anchored;
        private final String[] needs;
        /** For an anchored pattern, the ASCII characters a match may start with (null: any); see {@link #firstCharacters}. */
        private final boolean[][] starts;

        Each(List<Pattern> patterns) {
            matchers = new Matcher[patterns.size()];
            anchored = new boolean[patterns.size()];
            needs = new String[patterns.size()];
            starts = new boolean[patterns.size()][];
            for (int i = 0; i < matchers.length; i++) {
                matchers[i] = patterns.get(i).matcher("");
                anchored[i] = anchored(patterns.get(i));
                needs[i] = requiredLiteral(patterns.get(i));
                starts[i] = anchored[i] ? firstCharacters(patterns.get(i)) : null;
            }
        }

        boolean in(String text) {
            return first(text) != null;
        }

        /** The first pattern's matcher that matches, positioned on its match; null when none does. */
        Matcher first(String text) {
            for (int i = 0; i < matchers.length; i++) {
                if (tries(i, text)) {
                    return matchers[i];
                }
            }
            return null;
        }

        /** Every pattern's matcher that matches, in order. */
        void each(String text, java.util.function.Consumer<Matcher> found) {
            for (int i = 0; i < matchers.length; i++) {
                if (tries(i, text)) {
                    found.accept(matchers[i]);
                }
            }
        }

        private boolean tries(int i, String text) {
            if (starts[i] != null && !text.isEmpty() && text.charAt(0) < 128 && !starts[i][text.charAt(0)]) {
                return false;
            }
            if (needs[i] != null && !text.contains(needs[i])) {
                return false;
            }
            Matcher m = matchers[i].reset(text);
            return anchored[i] ? m.lookingAt() : m.find();
        }
    }

    /**
     * The ASCII characters a match of the anchored pattern {@code p} (tried with {@code lookingAt})
     * can start with; null when it could start with any. Asked of the engine itself rather than
     * read from the pattern's syntax: tried on the one-character text {@code c}, a pattern that
     * fails without reading past that character ({@link Matcher#hitEnd()} false) fails on every
     * text that starts with {@code c}, since its engine takes the same steps on it. Most lines
     * start with a letter most of the report lines' patterns (registers, {@code #0:}, a tab)
     * cannot start with, so they are never run on them.
     *
     * <p>Two constructs read ahead without the engine saying so, and so get no test: a grapheme
     * cluster ({@code \X}, which stops quietly at the text's end: {@code ^\X(?<!a)} fails on "a"
     * and matches "a\u0301 x"), and canonical equivalence ({@link Pattern#CANON_EQ}), whose classes
     * normalise the characters after the first.
     */
    static boolean[] firstCharacters(Pattern p) {
        if ((p.flags() & Pattern.CANON_EQ) != 0 || p.pattern().contains("\\X")) {
            return null;
        }
        boolean[] ok = new boolean[128];
        boolean any = true;
        Matcher m = p.matcher("");
        for (char c = 0; c < 128; c++) {
            m.reset(String.valueOf(c));
            ok[c] = m.lookingAt() || m.hitEnd();
            any &= ok[c];
        }
        return any ? null : ok;
    }

    private static final java.util.Map<Pattern, Boolean> ANCHORED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * True when every top-level alternative of the pattern starts with {@code ^}. When in doubt,
     * false (the pattern is then searched for, which finds what {@code lookingAt} would): a quoted
     * span ({@code \\Q(\\E} is no group), a class inside a class ({@code [a[b](]}), comments mode or
     * a literal pattern, where the text's {@code (}, {@code |} and {@code ^} are not what they seem.
     */
    static boolean anchored(Pattern p) {
        return ANCHORED.computeIfAbsent(p, x -> {
            String s = x.pattern();
            if ((x.flags() & (Pattern.LITERAL | Pattern.COMMENTS)) != 0 || s.contains("\\Q") || s.matches("(?s).*\\(\\?[a-zA-Z-]*x.*")) {
                return false;
            }
            int depth = 0;
            boolean escaped = false;
            boolean inClass = false;
            boolean atStart = true;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (atStart) {
                    if (c != '^') {
                        return false;
                    }
                    atStart = false;
                    continue;
                }
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (inClass) {
                    if (c == '[') {
                        return false; // a class within a class: where it ends is not worth reading here
                    }
                    inClass = c != ']';
                } else if (c == '[') {
                    inClass = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth == 0) {
                    atStart = true;
                }
            }
            return !s.isEmpty();
        });
    }

    /** As {@link #requiredLiteral(String)}, and null for a pattern compiled to ignore case, spaces or its own syntax. */
    static String requiredLiteral(Pattern p) {
        int changesText = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ;
        return (p.flags() & changesText) != 0 ? null : requiredLiteral(p.pattern());
    }

    /**
     * The longest literal text every match of {@code regex} contains, or null when none can be
     * told: the top level's runs of plain characters (escaped punctuation counts as plain), not
     * under a quantifier, with no alternation at the top level. Conservative: when in doubt, null —
     * an inline flag ({@code (?i)}: the text would match in any case), an escape that names a
     * character by its code or a group by its name ({@code \x3a}, {@code \u003a}, {@code \0},
     * {@code \cM}, {@code \k<w>}, {@code \p{L}}, {@code \N{...}}, a back-reference), a quoted span.
     */
    static String requiredLiteral(String regex) {
        if (regex.contains("\\Q")) {
            return null;
        }
        String best = null;
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    i = classEnd(regex, i);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            char literal = 0;
            boolean plain = false;
            if (c == '(' && i + 2 < regex.length() && regex.charAt(i + 1) == '?' && "idmsuxU-".indexOf(regex.charAt(i + 2)) >= 0) {
                return null; // (?i) and its kind change how the text after them matches
            }
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(i + 1);
                if ("xu0ckpPN".indexOf(e) >= 0 || Character.isDigit(e)) {
                    return null; // the characters after it are its argument, not text
                }
                if (!Character.isLetterOrDigit(e)) {
                    literal = e;
                    plain = true;
                }
                i++;
            } else if ("()[]{}.*+?|^$".indexOf(c) < 0) {
                literal = c;
                plain = true;
            } else if (c == '|') {
                return null; // an alternative at the top level: nothing is required of every match
            }
            boolean quantified = i + 1 < regex.length() && "*+?{".indexOf(regex.charAt(i + 1)) >= 0;
            if (plain && !quantified) {
                run.append(literal);
                continue;
            }
            if (plain && quantified && (regex.charAt(i + 1) == '+' || regex.charAt(i + 1) == '{')) {
                run.append(literal); // "a+" and "a{2}" still need one "a"; the run ends there
            }
            best = longer(best, run);
            run.setLength(0);
            if (c == '(') {
                depth++;
            } else if (c == '[') {
                i = classEnd(regex, i);
            } else if (c == '{') {
                int close = regex.indexOf('}', i);
                i = close < 0 ? regex.length() : close; // a quantifier's bounds are not text
            }
        }
        best = longer(best, run);
        return best != null && best.length() >= 3 ? best : null;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > (best == null ? 0 : best.length()) ? run.toString() : best;
    }

    private static int classEnd(String regex, int open) {
        for (int i = open + 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']' && i > open + 1) {
                return i;
            }
        }
        return regex.length();
    }
}
