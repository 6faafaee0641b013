package io.virtblk.analyzer.store;

import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * The fields a query may name: those of the {@link Schema}. A field the schema lacks would silently
 * match nothing, so it is refused with the nearest valid names; the store's own fields ({@code _raw},
 * {@code _json}, {@code _seq}, {@code _offset}: see {@link EventDocuments}) are not indexed for
 * searching and would match nothing too, so they are refused with the field that answers instead.
 */
final class QueryFields {

    /** What each internal field holds, and what to ask instead. */
    private static final Map<String, String> INTERNAL = Map.of(
            EventDocuments.RAW, "the line as written; search its words with message",
            EventDocuments.JSON, "the event stored whole; ask its fields, such as type, fio.job or report.title",
            EventDocuments.SEQ, "the event's place in its source; ask line",
            EventDocuments.OFFSET, "the event's byte offset in its source; ask line");

    private QueryFields() {
    }

    /** @throws QueryError at the first field of {@code q} (as parsed from {@code text}) that is not in the schema */
    static void check(String text, Query q) {
        q.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                if (Schema.field(field).isEmpty()) {
                    throw new QueryError(text, column(text, field), refusal(field));
                }
                return true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
    }

    private static String refusal(String field) {
        if (INTERNAL.containsKey(field)) {
            return "'" + field + "' is the store's own field, not one to query: " + INTERNAL.get(field)
                    + " (the command 'fields' lists the fields to query)";
        }
        String nearest = "; nearest: " + String.join(", ", Schema.nearest(field, 4)) + " (the command 'fields' lists them all)";
        return field.startsWith("_")
                ? "unknown field '" + field + "' (names beginning with _ are the store's own)" + nearest
                : "unknown field '" + field + "'" + nearest;
    }

    private static int column(String text, String field) {
        int at = text.indexOf(field + ":");
        return at < 0 ? 1 : at + 1;
    }
}
