package io.virtblk.analyzer.store;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Every document a query matches in one index, visited leaf by leaf with the leaf's doc values
 * opened once: what the aggregations and input-order walks are built on. Ctrl-C (an interrupt)
 * stops a walk over millions of matches.
 */
final class Matches {

    private Matches() {
    }

    /** What to do with one leaf's matches: set up once per leaf (doc values opened once, not per document). */
    interface LeafVisitor {
        DocVisitor start(LeafReaderContext leaf) throws IOException;
    }

    interface DocVisitor {
        void accept(int doc) throws IOException;
    }

    static void forEachMatch(DirectoryReader reader, Query q, LeafVisitor visitor) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1);
        int seen = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            Scorer scorer = w.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator it = scorer.iterator();
            var live = leaf.reader().getLiveDocs();
            DocVisitor each = visitor.start(leaf);
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                // stats and exports over millions of events take seconds: Ctrl-C (an interrupt) stops them
                if ((++seen & 0xFFFF) == 0 && Thread.interrupted()) {
                    throw new java.util.concurrent.CancellationException("interrupted");
                }
                if (live == null || live.get(doc)) {
                    each.accept(doc);
                }
            }
        }
    }
}
