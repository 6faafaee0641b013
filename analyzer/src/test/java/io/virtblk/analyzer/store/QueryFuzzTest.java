package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any text typed as a query either runs or is refused with a {@link QueryError}: a message that
 * says what is wrong and a column inside the query (or just after it) to point at. Any other
 * exception — from Lucene's parser, from the checks between its steps, from the search — is a
 * failure: the shell would show the user a stack trace's first line instead of where their query
 * went wrong. Queries are counted and searched over the session sample, so a query that parses but
 * cannot run is found too.
 */
class QueryFuzzTest {

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

    /** Queries from the README and the query tests: the syntax users write, and what was refused once. */
    static Stream<Arguments> seeds() {
        return Stream.of("type:ioctl AND ioctl.name:BLKFLSBUF", "fio.iops:[43000 TO *]", "time:[2016-11-11T04:25:00 TO 2016-11-11T04:30:00]",
                        "NOT type:(ioctl OR engage)", "(NOT type:ioctl)^2", "type:engage OR -type:ioctl", "* AND type:section", "*:*",
                        "message:fio*", "type:ioctl OR message:freezd~2", "line:[1.5 TO 2]", "mono:[NaN TO *]", "line:[99999999999999999999 TO *]",
                        "mono:1e-400", "time:2016-11-11~1", "type:(ioctl OR", "message:\"stuck job\"", "source:\"000_session.txt\" AND type:report",
                        "type:fio_result AND lat.p99:[500 TO *]", "ioctl.size:[0 TO 0.5}", "_raw:*", "foo~3", "type:ioctl AND _seq:[1 TO 2]",
                        "stuck AND type:fio_notice", "type:section AND NOT *", "*:[a TO *]")
                .map(q -> Arguments.of(Named.of(q, q.getBytes(StandardCharsets.UTF_8))));
    }

    @DictionaryEntries({"type:", "ioctl.name:", "fio.iops:", "mono:", "line:", "time:", "source:", "message:", "lat.p99:", " AND ", " OR ",
            "NOT ", " TO ", "[", "]", "{", "}", "(", ")", "*", "?", "~", "^", "\"", "\\", "/", "-", "+", "_raw:", "_seq:"})
    @MethodSource("seeds")
    @FuzzTest
    void query(byte[] input) throws IOException {
        String query = new String(input, StandardCharsets.UTF_8);
        try {
            store.count(query);
            store.search(query, 3, null);
        } catch (QueryError e) {
            String said = "query:" + e.column() + ": ";
            assertThat(e.column()).as("the column of %s", e.getMessage()).isBetween(1, query.length() + 1);
            assertThat(e.getMessage()).startsWith(said);
            String why = e.getMessage().substring(said.length(), e.getMessage().indexOf('\n', said.length()) < 0 ? e.getMessage().length()
                    : e.getMessage().indexOf('\n', said.length()));
            assertThat(why).as("what is wrong with %s", query).isNotBlank().isNotEqualTo("null");
        }
    }
}
