package io.virtblk.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Replay reads typed events through a trace source and is tested on sources loaded in memory: the
 * store and Lucene stay out of its class path, so that nothing in replay can come to lean on them again.
 */
class ReplayNeedsNoStoreTest {

    @Test
    void luceneIsNotOnReplaysClassPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.lucene.index.IndexReader")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theStoreIsNotOnReplaysClassPath() {
        assertThatThrownBy(() -> Class.forName("io.virtblk.analyzer.store.EventSearch")).isInstanceOf(ClassNotFoundException.class);
    }
}
