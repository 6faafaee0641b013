package io.virtblk.analyzer.store;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.queryparser.flexible.core.nodes.FieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.FuzzyQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.RangeQueryNode;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * The values of a query checked as written, before Lucene reads them: numbers and times against
 * their field's kind ({@link QueryNumbers}, {@link Times}), and fuzzy edit distances against what
 * Lucene can run. Checked on the syntax tree, the only place values still carry their position in
 * the text, so that the error can point at the value.
 */
final class QueryValues {

    private static final Pattern RANGE_OVER_STAR = Pattern.compile("(?<![\\w.\\\\])\\*\\s*:\\s*[\\[{]");

    private QueryValues() {
    }

    /** @throws QueryError at the first value (in the order written) that its field cannot take */
    static void check(String text, QueryNode node) {
        if (node instanceof FuzzyQueryNode fuzzy) {
            fuzzy(text, fuzzy);
        }
        if (node instanceof FieldQueryNode value) {
            value(text, value);
        }
        if (node instanceof RangeQueryNode<?> range) {
            range(text, range);
        }
        List<QueryNode> children = node.getChildren();
        if (children != null) {
            children.forEach(c -> check(text, c));
        }
    }

    private static void value(String text, FieldQueryNode node) {
        String field = node.getFieldAsString();
        FieldKind kind = Schema.kind(field);
        String value = node.getTextAsString();
        boolean bound = node.getParent() instanceof RangeQueryNode<?>;
        if (kind == null || bound && value.equals("*")) {
            return; // an unknown field is refused once the query is built, with the nearest names
        }
        try {
            switch (kind) {
                case LONG -> QueryNumbers.whole(field, value, bound);
                case DOUBLE -> QueryNumbers.decimal(field, value, bound);
                case TIME -> Times.parse(value);
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            throw new QueryError(text, column(node.getBegin()), e.getMessage());
        }
    }

    /**
     * A range is over one field's values; {@code *:[a TO b]} names none. Lucene's processors read
     * {@code *:*} inside the range as "every event" and then fail on it (a ClassCastException deep
     * in the parser, found by the query fuzz target), so it is refused here, at the field.
     */
    private static void range(String text, RangeQueryNode<?> node) {
        if ("*".equals(node.getField() == null ? null : node.getField().toString())) {
            // the syntax tree keeps no offset for a range; the first "*:" before a bracket is it
            Matcher m = RANGE_OVER_STAR.matcher(text);
            int star = m.find() ? m.start() : -1;
            throw new QueryError(text, column(star), "a range needs a field: * names none; range over one, such as line:[1 TO 50] or "
                    + "time:[2016-11-11T04:25 TO 2016-11-11T04:26] (the command 'fields' lists them)");
        }
    }

    /**
     * Lucene's fuzzy matching runs at most {@link LevenshteinAutomata#MAXIMUM_SUPPORTED_DISTANCE}
     * edits and quietly runs {@code foo~3} as {@code foo~2}; a fuzzy number or time is quietly
     * exact. Below 1 the distance is the old similarity form ({@code foo~0.5}), which Lucene turns
     * into edits by the word's length.
     */
    private static void fuzzy(String text, FuzzyQueryNode node) {
        int tilde = text.indexOf('~', node.getEnd());
        int at = column(tilde >= 0 ? tilde : node.getBegin());
        String field = node.getFieldAsString();
        FieldKind kind = Schema.kind(field);
        if (kind == FieldKind.LONG || kind == FieldKind.DOUBLE) {
            throw new QueryError(text, at, "fuzzy matching (~) is for words, and " + field + " holds numbers; ask a range such as "
                    + field + ":[4 TO 6]");
        }
        if (kind == FieldKind.TIME) {
            throw new QueryError(text, at, "fuzzy matching (~) is for words, and " + field + " holds times; ask a range such as "
                    + field + ":[2016-11-11T04:25 TO 2016-11-11T04:26]");
        }
        float edits = node.getSimilarity();
        int most = LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE;
        if (edits > most) {
            String asked = edits == (int) edits ? Integer.toString((int) edits) : Float.toString(edits);
            throw new QueryError(text, at, node.getTextAsString() + "~" + asked + " asks for " + asked
                    + " edits; fuzzy matching allows at most " + most + " (" + node.getTextAsString() + "~" + most + ")");
        }
    }

    /** The 1-based column of a 0-based offset the syntax parser gave (-1 when it gave none). */
    private static int column(int offset) {
        return Math.max(1, offset + 1);
    }
}
