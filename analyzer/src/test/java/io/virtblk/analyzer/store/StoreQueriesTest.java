package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Questions an engineer asks of {@code samples/000_session.txt}, with their exact answers.
 * The transcript has three runs (read 04:25, write 04:27, both 04:45) on 2016-11-11.
 */
class StoreQueriesTest {

    static EventStore store;
    static String sample;

    @BeforeAll
    static void load() throws IOException {
        sample = Path.of(System.getProperty("virtblk.root", ".."), "samples", "000_session.txt").toString();
        store = new EventStore(null, new SourceLoader());
        store.load(sample);
    }

    @AfterAll
    static void close() throws IOException {
        store.close();
    }

    private static List<Integer> lines(String query) throws IOException {
        return store.search(query, 1000, null).stream().map(Hit::line).toList();
    }

    @Test
    void thereAreFourIoctlEventsAllBlkflsbuf() throws IOException {
        assertThat(store.count("type:ioctl")).isEqualTo(4);
        assertThat(store.count("type:ioctl AND ioctl.name:BLKFLSBUF")).isEqualTo(4);
        assertThat(store.count("type:ioctl AND NOT ioctl.name:BLKFLSBUF")).isZero();
        assertThat(store.stats("type:ioctl", "ioctl.cmd")).containsExactly(java.util.Map.entry("0x00001261", 4L));
        assertThat(lines("type:ioctl")).containsExactly(38, 78, 104, 106);
    }

    @Test
    void theThreeRunsIoSessionsByTimeWindow() throws IOException {
        // an I/O session is an engage followed by fio's BLKFLSBUF; one per run, two in the mixed run
        assertThat(lines("type:ioctl AND time:[2016-11-11T04:25:00 TO 2016-11-11T04:26:00]")).containsExactly(38);
        assertThat(lines("type:ioctl AND time:[2016-11-11T04:27:00 TO 2016-11-11T04:28:00]")).containsExactly(78);
        assertThat(lines("type:ioctl AND time:[2016-11-11T04:45:00 TO 2016-11-11T04:46:00]")).containsExactly(104, 106);
        assertThat(lines("type:engage AND time:[2016-11-11T04:45:00 TO 2016-11-11T04:46:00]")).containsExactly(99, 101, 103, 105);
        assertThat(lines("type:release AND time:[2016-11-11T04:45:00 TO 2016-11-11T04:46:00]")).containsExactly(100, 102);
    }

    @Test
    void eventsWithinOneMillisecondOfTheLastKernelLine() throws IOException {
        List<Hit> last = store.search("mono:[0 TO *]", 1, "mono", true, null);
        assertThat(last).singleElement().satisfies(h -> {
            assertThat(h.line()).isEqualTo(106);
            assertThat(h.fields().get("mono")).isEqualTo(68516.133687);
        });
        assertThat(lines("mono:[68516.132687 TO 68516.134687]")).containsExactly(103, 104, 105, 106);
    }

    @Test
    void jobsWithIopsAbove42000() throws IOException {
        List<Hit> hits = store.search("type:fio_result AND fio.iops:{42000 TO *]", 10, null);
        assertThat(hits).extracting(h -> h.fields().get("fio.job")).containsExactly("virtblkiofio-00-read", "virtblkiofio-01-write");
        assertThat(store.count("fio.iops:[43000 TO *]")).isEqualTo(1);
        assertThat(store.count("type:fio_result AND lat.p99:[500 TO *]")).isEqualTo(2);
        assertThat(store.count("type:fio_result AND lat.p99:[520 TO *]")).isEqualTo(1);
    }

    @Test
    void bareWordsSearchTheMessageAndPhrasesWork() throws IOException {
        assertThat(store.count("freezed")).isEqualTo(2);
        assertThat(store.count("message:\"Device engage\"")).isEqualTo(8);
        assertThat(store.count("stuck AND type:fio_notice")).isEqualTo(2);
    }

    @Test
    void resultsComeInInputOrderUnlessSorted() throws IOException {
        assertThat(lines("type:engage OR type:release")).isSorted();
        List<Hit> byMonoDesc = store.search("type:engage", 3, "mono", true, null);
        assertThat(byMonoDesc).extracting(Hit::line).containsExactly(105, 103, 101);
    }

    @Test
    void theLineIsShownExactlyAsWritten() throws IOException {
        Hit h = store.search("type:ioctl", 1, null).getFirst();
        assertThat(h.raw()).isEqualTo("Nov 11 04:25:30 <vmhostname> kernel: [67315.571938] virtblkiosim: ===> ioctl() call ID: "
                + "0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: 140050596167680");
        Hit result = store.search("type:fio_result", 1, null).getFirst();
        assertThat(result.raw()).startsWith("virtblkiofio-00-read: (groupid=0").contains("\n  read : io=32768KB").endsWith("depth=16");
        assertThat(result.event()).isNotNull();
    }

    @Test
    void aBareStarIsEveryEventNotEveryEventWithAMessage() throws IOException {
        // sections and annotations have no message words; `stats * --by type` (README) must still count them
        assertThat(store.count("*")).isEqualTo(store.count("*:*")).isEqualTo(56);
        assertThat(store.stats("*", "type")).containsEntry("annotation", 6L).containsEntry("section", 4L);
        assertThat(store.count("* AND type:section")).isEqualTo(4);
        assertThat(store.count("type:section AND NOT *")).isZero();
        assertThat(store.count("fio*")).as("other wildcards still search the message").isEqualTo(store.count("message:fio*")).isLessThan(56);
    }

    @Test
    void statsAndHistograms() throws IOException {
        assertThat(store.stats("*:*", "type")).containsEntry("engage", 8L).containsEntry("release", 6L).containsEntry("ioctl", 4L);
        assertThat(store.stats("type:engage", "source")).containsExactly(java.util.Map.entry(sample, 8L));
        assertThat(store.count("source:\"" + sample + "\" AND type:engage")).isEqualTo(8);
        assertThat(store.fieldsHolding(sample)).as("a source's name, typed as a word, is offered as source:").contains("source");
        // engages per minute of wall clock: two per run in runs 1 and 2, four in run 3
        assertThat(store.histogram("type:engage", "time", 60_000).values()).containsExactly(2L, 2L, 4L);
        assertThat(store.histogram("type:engage", "mono", 1).values()).containsExactly(2L, 2L, 4L);
    }

    @Test
    void unknownFieldsAreRefusedWithTheNearestNames() {
        assertThatThrownBy(() -> store.count("ioctl.nam:BLKFLSBUF"))
                .isInstanceOf(QueryError.class)
                .hasMessageContaining("query:1: unknown field 'ioctl.nam'; nearest: ioctl.name");
        assertThatThrownBy(() -> store.count("type:ioctl AND fio.iop:[1 TO 2]"))
                .isInstanceOf(QueryError.class)
                .hasMessageContaining("query:16: unknown field 'fio.iop'").hasMessageContaining("fio.iops");
    }

    @Test
    void aQueryThatDoesNotParsePointsAtThePosition() {
        assertThatThrownBy(() -> store.count("type:(ioctl OR"))
                .isInstanceOf(QueryError.class)
                .satisfies(e -> assertThat(((QueryError) e).column()).isPositive())
                .hasMessageContaining("type:(ioctl OR\n");
        assertThatThrownBy(() -> store.count("time:[yesterday TO now]"))
                .isInstanceOf(QueryError.class)
                .hasMessageContaining("expected a time like 2016-11-11T04:25:00");
    }

    @Test
    void everySchemaFieldIsEitherIndexedOrDocumentedAsAbsentFromTheSample() throws IOException {
        var examples = store.examples();
        assertThat(examples).containsEntry("type", "section").containsEntry("ioctl.name", "BLKFLSBUF")
                .containsEntry("fio.job", "virtblkiofio-00-read").containsEntry("host", "<vmhostname>")
                .containsEntry("time", "2016-11-11T04:25:30").containsKey("lat.p99");
    }
}
