package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries Lucene would quietly run as something else: {@code line:[1.5 TO 2]} as line 1, a long
 * overflow as the largest long, {@code mono:[NaN TO *]} as nothing, {@code foo~3} as {@code foo~2},
 * {@code _raw:*} as nothing. Each is refused, pointing at what is wrong; what is right is read
 * whole ({@code mono:1e3} is 1000, not 1). Counts are of {@code samples/000_session.txt}.
 */
class QueryRefusalsTest {

    static EventStore store;

    @BeforeAll
    static void load() throws IOException {
        store = new EventStore(null, new SourceLoader());
        store.load(Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt").toString());
    }

    @AfterAll
    static void close() throws IOException {
        store.close();
    }

    /** The error {@code count} gives for {@code query}: its message, and where it points. */
    private static void refused(String query, int column, String message) {
        assertThatThrownBy(() -> store.count(query)).as(query)
                .isInstanceOf(QueryError.class)
                .hasMessageStartingWith("query:" + column + ": " + message)
                .hasMessageEndingWith("\n  " + query + "\n  " + " ".repeat(column - 1) + "^")
                .satisfies(e -> assertThat(((QueryError) e).column()).isEqualTo(column));
    }

    /** Found by the query fuzz target in CI: Lucene's parser failed with a ClassCastException. */
    @Test
    void aRangeOverNoFieldIsRefusedAtTheStar() {
        refused("*:[a TO *]", 1, "a range needs a field: * names none");
        refused("type:ioctl AND *:{* TO 5]", 16, "a range needs a field: * names none");
        refused("*:[* TO *]", 1, "a range needs a field: * names none");
    }

    @Test
    void aDecimalWhereAWholeNumberBelongsIsRefused() {
        refused("line:[1.5 TO 2]", 7, "line holds whole numbers; 1.5 is not one");
        refused("type:ioctl AND ioctl.size:[0 TO 0.5}", 33, "ioctl.size holds whole numbers; 0.5 is not one");
        refused("line:1.5", 6, "line holds whole numbers; 1.5 is not one");
    }

    @Test
    void somethingThatIsNoNumberIsRefused() {
        refused("line:abc", 6, "line holds whole numbers; 'abc' is not one");
        refused("mono:[1 TO 2x]", 12, "mono holds numbers; '2x' is not one");
        refused("line:1*", 6, "line holds whole numbers, which wildcards do not match; ask a range instead: line:[* TO *] is any value");
        refused("line:*", 6, "line holds whole numbers, which wildcards do not match");
    }

    @Test
    void notANumberAndInfinityAreRefusedInRangesAndValues() {
        refused("mono:[NaN TO *]", 7, "NaN is not a bound a range of mono can have; an open end is written *, as in mono:[5 TO *]");
        refused("fio.iops:[-Infinity TO 5]", 11, "-Infinity is not a bound a range of fio.iops can have");
        refused("line:[1 TO inf]", 12, "inf is not a bound a range of line can have");
        refused("mono:NaN", 6, "mono holds numbers; NaN is not one");
    }

    @Test
    void numbersBeyondWhatTheFieldHoldsAreRefused() {
        refused("line:[99999999999999999999 TO *]", 7,
                "line holds whole numbers from -9223372036854775808 to 9223372036854775807; 99999999999999999999 is out of that range");
        refused("line:[-9223372036854775809 TO 0]", 7, "line holds whole numbers from -9223372036854775808");
        refused("mono:[0 TO 1e400]", 12, "mono holds numbers up to ±1.7976931348623157E308; 1e400 is out of that range");
        refused("mono:1e-400", 6, "mono holds numbers no nearer to 0 than ±4.9E-324; 1e-400 is nearer");
    }

    @Test
    void numbersAreReadWholeNotCutShort() throws IOException {
        // the old number formats read the longest prefix: 6.7315e4 was 6.7315, 1e3 was 1
        assertThat(store.count("mono:[6.7315e4 TO *]")).isEqualTo(store.count("mono:[67315 TO *]")).isPositive();
        assertThat(store.count("line:[1e2 TO *]")).isEqualTo(store.count("line:[100 TO *]")).isEqualTo(11);
        assertThat(store.count("line:38.0")).isEqualTo(store.count("line:38")).isEqualTo(1);
        assertThat(store.count("line:[* TO *]")).isEqualTo(56);
    }

    @Test
    void aFuzzyDistanceAboveTwoIsRefusedNotRunAsTwo() throws IOException {
        refused("foo~3", 4, "foo~3 asks for 3 edits; fuzzy matching allows at most 2 (foo~2)");
        refused("type:ioctl OR message:freezd~5", 29, "freezd~5 asks for 5 edits; fuzzy matching allows at most 2");
        refused("line:38~1", 8, "fuzzy matching (~) is for words, and line holds numbers; ask a range such as line:[4 TO 6]");
        assertThat(store.count("freezd~1")).isEqualTo(store.count("freezed"));
        assertThat(store.count("freezd~")).as("the default distance").isEqualTo(store.count("freezed"));
    }

    @Test
    void theStoresOwnFieldsAreRefusedWithTheFieldToAskInstead() {
        refused("_raw:*", 1, "'_raw' is the store's own field, not one to query: the line as written; search its words with message");
        refused("type:ioctl AND _seq:[1 TO 2]", 16, "'_seq' is the store's own field, not one to query: the event's place in its source; ask line");
        refused("_json:x", 1, "'_json' is the store's own field");
        refused("_offset:0", 1, "'_offset' is the store's own field");
        refused("_foo:x", 1, "unknown field '_foo' (names beginning with _ are the store's own); nearest: ");
    }

    @Test
    void aTimeThatIsNoTimeIsPointedAt() {
        refused("type:engage AND time:[2016-11-11T04:45:00 TO soon]", 46, "expected a time like 2016-11-11T04:25:00, found 'soon'");
        refused("time:2016-11-11~1", 16, "fuzzy matching (~) is for words, and time holds times");
    }

    /** Issue 14, point 12: a query that does not parse is answered at the token where it stopped, saying what was expected there. */
    @Test
    void aSyntaxErrorPointsAtTheFaultAndSaysWhatWasExpected() {
        refused("type:ioctl AND", 15, "after 'AND', expected a value (a word, a \"quoted phrase\", a range [a TO b] or a group (..)), "
                + "found the end of the query");
        refused("type:ioctl AND AND x", 16, "after 'AND', expected a value");
        refused("(type:ioctl OR type:engage", 27, "after 'engage', expected ')' to close a group, found the end of the query");
        refused("type:ioctl) OR x", 11, "this ')' closes no group: remove it, or open the group with '(' before");
        refused("line:[1 TO", 11, "after 'TO', expected the range's upper end, then ']' or '}'");
        refused("line:[1 TO 9", 13, "after '9', expected ']' or '}' to close the range");
        refused("line:[1", 8, "after '1', expected 'TO' and the range's upper end");
        refused("type:", 6, "after ':', expected a value");
        refused("message:\"never closed", 9, "this quote is not closed: expected a closing '\"', found the end of the query");
    }
}
