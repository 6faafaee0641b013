package io.virtblk.grammar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The literal a pattern needs before it is tried: a table's patterns (users' too) must answer as
 * they would without it, so where the text after a flag or an escape is no plain text, none is needed.
 */
class MatchTest {

    @Test
    void plainTextIsTheLiteralAPatternNeeds() {
        assertEquals("Kernel panic - not syncing", Match.requiredLiteral("Kernel panic - not syncing"));
        assertEquals(" invoked oom-killer", Match.requiredLiteral("^(?:.*\\s)?\\S+ invoked oom-killer"));
        assertEquals(" invoked oom-killer", Match.requiredLiteral("(?<!\\S)(?<task>\\S+) invoked oom-killer"));
        assertEquals("Oops: ", Match.requiredLiteral("Oops\\: "));
    }

    @Test
    void textAfterAFlagOrAnEscapeWithAnArgumentIsNotNeeded() {
        assertNull(Match.requiredLiteral("(?i)oops: "));
        assertNull(Match.requiredLiteral("Oops\\x3a general"));
        assertNull(Match.requiredLiteral("panic\\u003a now"));
        assertNull(Match.requiredLiteral("(?<w>ab)c\\k<w>"));
        assertNull(Match.requiredLiteral("a\\p{L}bcd"));
        assertNull(Match.requiredLiteral("\\Q(x)\\E literal"));
        assertNull(Match.requiredLiteral(Pattern.compile("oops: ", Pattern.CASE_INSENSITIVE)));
    }

    @Test
    void eachPatternAnswersAsItWouldWithoutTheLiteral() {
        List<String> regexes = List.of("(?i)oops: ", "Oops\\x3a general", "panic\\u003a now", "(?<w>ab)c\\k<w>", "Kernel panic", "^RIP: ");
        List<String> lines = List.of("OOPS: x", "Oops: general protection", "panic: now", "abcab", "Kernel panic - not syncing", "RIP: 0010");
        for (int i = 0; i < regexes.size(); i++) {
            Pattern p = Pattern.compile(regexes.get(i));
            assertTrue(p.matcher(lines.get(i)).find(), regexes.get(i));
            assertTrue(new Match.Each(List.of(p)).in(lines.get(i)), regexes.get(i) + " through Match.Each");
        }
    }

    @Test
    void anAnchoredPatternIsNotTriedOnALineStartingWithACharacterItCannotStartWith() {
        assertNull(Match.firstCharacters(Pattern.compile("^[\\s\\S]*x")));
        boolean[] dot = Match.firstCharacters(Pattern.compile("^.*x")); // "." is no line end
        assertFalse(dot['\n'] || dot['\r']);
        assertTrue(dot['a'] && dot[' ']);
        boolean[] tab = Match.firstCharacters(Pattern.compile("^\\t"));
        assertTrue(tab['\t']);
        assertFalse(tab[' ']);
        assertFalse(tab['a']);
        boolean[] registers = Match.firstCharacters(Pattern.compile("^\\s*[>]?[0-9a-f]{8,16}:\\s"));
        assertTrue(registers[' '] && registers['>'] && registers['f'] && registers['0']);
        assertFalse(registers['g'] || registers['#'] || registers['R']);
        // a pattern that needs the end of the text, or looks ahead past the first character, is still tried
        boolean[] end = Match.firstCharacters(Pattern.compile("^a$|^(?=bc)b"));
        assertTrue(end['a'] && end['b']);
        assertFalse(end['c']);
    }

    /**
     * The first-character test and the needed literal change no answer: every pattern of the
     * shipped table (frames, stack starts, report lines, fields, the kinds' matches and bodies)
     * and some of their shapes, on random lines built from the characters and words they hold,
     * find through {@link Match.Each} exactly what the pattern finds alone.
     */
    @Test
    void eachPatternOfTheShippedTableAnswersOnRandomLinesAsItWouldAlone() {
        ReportRules rules = ReportRules.builtIn();
        List<Pattern> patterns = new java.util.ArrayList<>();
        patterns.addAll(rules.stack().frames());
        patterns.addAll(rules.stack().starts());
        patterns.addAll(rules.reportLines().patterns());
        patterns.addAll(rules.fields());
        patterns.addAll(rules.notReportStarts());
        for (String extra : List.of("^\\s*\\[ *\\d+\\]", "^(?:ab|\\tc)d", "^[a-z_]+ \\d+$", "^$", "^\\b\\w+\\b", "^(?=RIP)R")) {
            patterns.add(Pattern.compile(extra));
        }
        String[] words = {"RIP: ", "Call Trace:", " invoked oom-killer", "#0: ", "ffffffff8123abcd: ", " at:", "\t", "  ", "[ 12]", "2 locks held by",
            "1-...", "x86_64", "+0x1f/0x30", "func.isra.0", ">", "CPU: 1 PID: 7 Comm: fio", "<TASK>", "? ", "12", "é", "\u2028"};
        java.util.Random r = new java.util.Random(20261202);
        int tried = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int k = r.nextInt(5); k >= 0; k--) {
                line.append(r.nextInt(3) == 0 ? (char) (32 + r.nextInt(95)) : words[r.nextInt(words.length)]);
            }
            String text = line.toString();
            for (Pattern p : patterns) {
                boolean alone = Match.anchored(p) ? p.matcher(text).lookingAt() : p.matcher(text).find();
                assertEquals(alone, new Match.Each(List.of(p)).in(text), () -> p.pattern() + " on \"" + text + "\"");
                tried += alone ? 1 : 0;
            }
        }
        assertTrue(tried > 1000, "the random lines matched the patterns " + tried + " times: too few to tell anything");
    }

    @Test
    void aTitleTemplatesPlaceholdersAreFilledAndAnythingElseKept() {
        assertEquals("KASAN: use-after-free Read in foo", Titler.fill("KASAN: {1} {3} in {4}", List.of("use-after-free", "x", "Read", "foo")));
        assertEquals("a ? b", Titler.fill("a {2} b", List.of("one")));
        assertEquals("{0} {x} {} {100 $1 \\ {1", Titler.fill("{0} {x} {} {100 $1 \\ {1", List.of("v")));
        assertEquals("$1 and \\", Titler.fill("{1} and {2}", List.of("$1", "\\")));
        assertEquals("j", Titler.fill("{10}", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")));
    }

    /** Constructs that read past the first character without the engine saying so get no first-character test (found by a review). */
    @Test
    void aGraphemeClusterOrCanonicalEquivalenceGetsNoFirstCharacterTest() {
        assertNull(Match.firstCharacters(Pattern.compile("^\\X(?<!a)")));
        assertNull(Match.firstCharacters(Pattern.compile("^[^a]", Pattern.CANON_EQ)));
        Pattern cluster = Pattern.compile("^\\X(?<!\r)");
        assertTrue(cluster.matcher("\r\nfoo").lookingAt());
        assertTrue(new Match.Each(List.of(cluster)).in("\r\nfoo"));
        Pattern accent = Pattern.compile("^\\X(?<!a)");
        assertTrue(new Match.Each(List.of(accent)).in("a\u0301 x"));
    }

    /** A pattern whose text only looks anchored is searched for, as it would be found alone. */
    @Test
    void aPatternThatOnlyLooksAnchoredIsSearchedFor() {
        for (Pattern p : List.of(Pattern.compile("^\\Q(\\E|b"), Pattern.compile("^[a[b](]|b"), Pattern.compile("^(?x)a #(\n|b"),
                Pattern.compile("^a|b", Pattern.LITERAL), Pattern.compile("^a #(\n|b", Pattern.COMMENTS))) {
            assertFalse(Match.anchored(p), p.pattern());
        }
        assertTrue(new Match.Each(List.of(Pattern.compile("^\\Q(\\E|b"))).in("xb"));
        assertTrue(Match.anchored(Pattern.compile("^\\s*#\\d+:")));
        assertTrue(Match.anchored(Pattern.compile("^a|^[(|]b")));
    }
}
