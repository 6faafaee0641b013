package io.virtblk.cluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Time bounds become UTC instants for Solr; nothing else in a query changes. */
class SolrQueryTest {

    @Test
    void timeRangesAndTermsBecomeUtcInstants() {
        assertThat(SolrQuery.of("time:[2016-11-11T04:25:00 TO 2016-11-11T04:30:00]"))
                .isEqualTo("time:[2016-11-11T04:25:00Z TO 2016-11-11T04:30:00Z]");
        assertThat(SolrQuery.of("type:ioctl AND time:{2016-11-11T04:25 TO *]"))
                .isEqualTo("type:ioctl AND time:{2016-11-11T04:25:00Z TO *]");
        assertThat(SolrQuery.of("time:[\"2016-11-11 04:25:00.250\" TO 2016-11-12]"))
                .isEqualTo("time:[2016-11-11T04:25:00.250Z TO 2016-11-12T00:00:00Z]");
        assertThat(SolrQuery.of("-time:\"2016-11-11T04:25:00\"")).isEqualTo("-time:\"2016-11-11T04:25:00Z\"");
        assertThat(SolrQuery.of("time:2016-11-11T04\\:25\\:00")).isEqualTo("time:\"2016-11-11T04:25:00Z\"");
    }

    @Test
    void everythingElsePassesUntouched() {
        for (String q : new String[] {"*:*", "fio.iops:[40000 TO *]", "mono:[68516.0 TO 68516.2]", "\"time:[a TO b]\" OR blkflsbuf",
                "source:\"my file.log\" AND NOT ioctl.name:BLK*", "uptime:x", "ioctl.dir:{0 TO 3}"}) {
            assertThat(SolrQuery.of(q)).as(q).isEqualTo(q);
        }
    }
}
