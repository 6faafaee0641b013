package io.virtblk.analyzer.store;

import java.util.Map;
import java.util.function.Predicate;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * {@code source:NAME} asks which loaded source an event is in, and is answered by the name the
 * source is loaded as now, not the one written into its index: a cached index is reused for the
 * same file loaded by another name ({@code kern.log}, {@code /var/log/kern.log}, a symbolic
 * link), and its documents still carry the first name. Each part of a query on {@code source}
 * becomes a test of the segment's source name.
 */
final class SourceScope {

    private static final String FIELD = "source";

    private SourceScope() {
    }

    /** {@code q} with every {@code source:} part answered from {@code names} (segment core key to the source's name now). */
    static Query rewrite(Query q, Map<Object, String> names) {
        return switch (q) {
            case BooleanQuery b -> {
                BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
                for (BooleanClause c : b.clauses()) {
                    out.add(rewrite(c.query(), names), c.occur());
                }
                yield out.build();
            }
            case BoostQuery b -> new BoostQuery(rewrite(b.getQuery(), names), b.getBoost());
            case ConstantScoreQuery c -> new ConstantScoreQuery(rewrite(c.getQuery(), names));
            case TermQuery t when t.getTerm().field().equals(FIELD) -> {
                String wanted = t.getTerm().text();
                yield new Named(q.toString(), wanted::equals, names);
            }
            case AutomatonQuery a when a.getField().equals(FIELD) -> new Named(q.toString(), matcher(a.getCompiled()), names);
            case FuzzyQuery f when f.getField().equals(FIELD) -> new Named(q.toString(), matcher(f.getAutomata()), names);
            default -> q;
        };
    }

    private static Predicate<String> matcher(CompiledAutomaton a) {
        return name -> switch (a.type) {
            case NONE -> false;
            case ALL -> true;
            case SINGLE -> a.term.utf8ToString().equals(name);
            case NORMAL -> {
                BytesRef b = new BytesRef(name);
                yield a.runAutomaton.run(b.bytes, b.offset, b.length);
            }
        };
    }

    /** The key of a segment's core: the same segment seen through a source's reader or a reader of all sources. */
    static Object key(LeafReaderContext leaf) {
        var helper = leaf.reader().getCoreCacheHelper();
        return helper == null ? leaf.reader() : helper.getKey();
    }

    /** Every document of the segments whose source's name passes the test; none of the others. */
    private static final class Named extends Query {
        private final String shown;
        private final Predicate<String> test;
        private final Map<Object, String> names;

        Named(String shown, Predicate<String> test, Map<Object, String> names) {
            this.shown = shown;
            this.test = test;
            this.names = names;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, boost) {
                @Override
                public ScorerSupplier scorerSupplier(LeafReaderContext leaf) {
                    String name = names.get(key(leaf));
                    if (name == null || !test.test(name)) {
                        return null;
                    }
                    var scorer = new ConstantScoreScorer(score(), scoreMode, DocIdSetIterator.all(leaf.reader().maxDoc()));
                    return new DefaultScorerSupplier(scorer);
                }

                @Override
                public boolean isCacheable(LeafReaderContext leaf) {
                    return false; // the answer depends on the name the source has now
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            if (visitor.acceptField(FIELD)) {
                visitor.visitLeaf(this);
            }
        }

        @Override
        public String toString(String field) {
            return shown;
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
