package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "NOT x" is every event except x, wherever it stands. On {@code samples/000_session.txt}: 56
 * events, of them 4 ioctl and 8 engage (2 in each of the first two runs, 4 in the third, which
 * starts at 04:45). Lucene alone counted every pure negative query 0, and read
 * {@code type:engage OR NOT type:ioctl} as "engage, but not ioctl".
 */
class NegativeQueriesTest {

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

    private static long count(String query) throws IOException {
        return store.count(query);
    }

    @Test
    void notXAndXTogetherAreEveryEvent() throws IOException {
        long all = count("*:*");
        assertThat(all).isEqualTo(56);
        assertThat(count("NOT type:ioctl")).isEqualTo(all - count("type:ioctl")).isEqualTo(52);
        assertThat(count("-type:ioctl")).isEqualTo(52);
        assertThat(count("NOT type:nosuchtype")).as("everything is not a type no event has").isEqualTo(all);
        assertThat(count("NOT *")).isZero();
    }

    @Test
    void aNegatedOperandOfOrIsEveryEventExceptItNotAFilterOnTheOthers() throws IOException {
        assertThat(count("type:engage OR NOT type:ioctl")).as("engage or not ioctl, not 'engage but not ioctl' (8)").isEqualTo(52);
        // engages, or anything before the third run: the overlap is the 4 engages of runs 1 and 2
        String beforeRun3 = "time:[2016-11-11T04:45:00 TO *]";
        long either = count("type:engage") + count("NOT " + beforeRun3) - count("type:engage AND NOT " + beforeRun3);
        assertThat(count("type:engage OR NOT " + beforeRun3)).isEqualTo(either);
        assertThat(count("type:engage AND NOT " + beforeRun3)).isEqualTo(4);
        assertThat(count("type:engage OR -type:ioctl")).isEqualTo(52);
        assertThat(count("NOT type:ioctl OR NOT type:engage")).as("no event is both").isEqualTo(56);
        assertThat(count("type:ioctl OR NOT type:engage OR type:release")).isEqualTo(48);
    }

    @Test
    void negationsInsideParenthesesAreEveryEventExceptTooAtAnyDepth() throws IOException {
        assertThat(count("(NOT type:ioctl) AND type:engage")).isEqualTo(8);
        assertThat(count("type:engage AND (-type:ioctl)")).isEqualTo(8);
        assertThat(count("type:engage OR (NOT type:ioctl)")).isEqualTo(52);
        assertThat(count("NOT (NOT type:ioctl)")).isEqualTo(4);
        assertThat(count("(type:release OR (NOT type:ioctl AND NOT type:engage)) AND NOT type:release")).isEqualTo(38);
        assertThat(count("(NOT type:ioctl)^2")).isEqualTo(52);
    }

    @Test
    void severalNegationsTogetherLeaveOutEachOfThem() throws IOException {
        assertThat(count("NOT type:ioctl AND NOT type:engage")).isEqualTo(44);
        assertThat(count("-type:ioctl -type:engage")).isEqualTo(44);
        assertThat(count("NOT type:(ioctl OR engage)")).isEqualTo(44);
    }

    @Test
    void anExclusionBesideATermStillNarrowsIt() throws IOException {
        // juxtaposition keeps Lucene's meaning: "error -debug" is errors that are not debug
        assertThat(count("type:engage -type:ioctl")).isEqualTo(8);
        assertThat(count("type:ioctl -ioctl.name:BLKFLSBUF")).isZero();
        assertThat(count("type:ioctl AND NOT ioctl.name:BLKFLSBUF")).isZero();
        assertThat(count("type:section AND NOT *")).isZero();
    }

    @Test
    void statsAndSearchSeeTheSameEvents() throws IOException {
        assertThat(store.stats("NOT type:ioctl", "type")).doesNotContainKey("ioctl").containsEntry("engage", 8L)
                .satisfies(m -> assertThat(m.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(52));
        long[] total = new long[1];
        store.search("-type:ioctl", 1, total);
        assertThat(total[0]).isEqualTo(52);
    }
}
