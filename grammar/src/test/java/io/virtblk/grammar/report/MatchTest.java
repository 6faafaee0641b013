package io.virtblk.grammar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
