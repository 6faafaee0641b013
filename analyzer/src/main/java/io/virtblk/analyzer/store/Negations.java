package io.virtblk.analyzer.store;

import java.util.List;
import org.apache.lucene.queryparser.flexible.core.nodes.BooleanQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.GroupQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.ModifierQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.OrQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * "NOT x" as a user means it: every event except x. Lucene takes a boolean query made only of
 * prohibitions to match nothing (nothing is required, so nothing is there to take x from), so
 * {@code NOT type:ioctl} and {@code -type:ioctl} counted 0, at the top or inside parentheses
 * ({@code (NOT a) AND b}). And its parser folds the operands of OR into one boolean query, so
 * {@code type:engage OR NOT type:ioctl} ran as "engage, but not ioctl" instead of "engage, or
 * anything that is not ioctl".
 *
 * <p>Two steps mend both: in the syntax tree every negated operand of OR becomes a group of its own
 * ({@link #groupNegatedOperands}), and in the built query every boolean query of only prohibitions
 * takes them from all events ({@link #fromAllEvents}). Juxtaposition keeps Lucene's meaning:
 * {@code error -debug} is still "error, but not debug".
 */
final class Negations {

    private Negations() {
    }

    /** {@code a OR NOT b} becomes {@code a OR (NOT b)}, at any depth; the tree is changed in place. */
    static QueryNode groupNegatedOperands(QueryNode node) {
        if (node.getChildren() == null) {
            return node;
        }
        // a copy: wrapping a child in a group takes it from this node's own list
        List<QueryNode> children = List.copyOf(node.getChildren());
        children.forEach(Negations::groupNegatedOperands);
        if (node instanceof OrQueryNode && children.stream().anyMatch(Negations::negated)) {
            node.set(children.stream().map(c -> negated(c) ? new GroupQueryNode(new BooleanQueryNode(List.of(c))) : c).toList());
        }
        return node;
    }

    private static boolean negated(QueryNode node) {
        return node instanceof ModifierQueryNode m && m.getModifier() == ModifierQueryNode.Modifier.MOD_NOT;
    }

    /** Every boolean query whose clauses are all MUST_NOT, at any depth, gets a MUST match-all clause. */
    static Query fromAllEvents(Query q) {
        if (q instanceof BooleanQuery b) {
            BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
            boolean onlyProhibitions = !b.clauses().isEmpty();
            for (BooleanClause c : b.clauses()) {
                out.add(fromAllEvents(c.query()), c.occur());
                onlyProhibitions &= c.occur() == BooleanClause.Occur.MUST_NOT;
            }
            if (onlyProhibitions) {
                out.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            }
            return out.build();
        }
        if (q instanceof BoostQuery boost) {
            return new BoostQuery(fromAllEvents(boost.getQuery()), boost.getBoost());
        }
        return q;
    }
}
