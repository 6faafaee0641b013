package io.virtblk.analyzer.store;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.queryparser.flexible.core.QueryNodeException;
import org.apache.lucene.queryparser.flexible.core.QueryNodeParseException;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.standard.StandardQueryParser;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.search.QueryVisitor;

/**
 * Lucene's query syntax over the schema's fields: {@code type:ioctl AND ioctl.name:BLKFLSBUF},
 * {@code fio.iops:[40000 TO *]}, {@code time:[2016-11-11T04:25:00 TO 2016-11-11T04:30:00]};
 * bare words search the message. A query naming a field the schema lacks is refused with the
 * nearest valid names, rather than silently matching nothing. {@code NOT x} is every event except
 * x ({@link Negations}).
 *
 * <p>The steps of Lucene's parser are run one by one so that the mending of negations can see the
 * syntax tree between them.
 */
public final class EventQueries {

    private final StandardQueryParser parser = new StandardQueryParser(Analyzers.index());

    public EventQueries() {
        parser.setAllowLeadingWildcard(true);
        Map<String, PointsConfig> points = new HashMap<>();
        NumberFormat integers = NumberFormat.getIntegerInstance(Locale.ROOT);
        integers.setGroupingUsed(false);
        integers.setParseIntegerOnly(true);
        NumberFormat decimals = NumberFormat.getNumberInstance(Locale.ROOT);
        decimals.setGroupingUsed(false);
        for (Schema.Field f : Schema.all()) {
            switch (f.kind()) {
                case LONG -> points.put(f.name(), new PointsConfig(integers, Long.class));
                case DOUBLE -> points.put(f.name(), new PointsConfig(decimals, Double.class));
                case TIME -> points.put(f.name(), new PointsConfig(new TimeFormat(), Long.class));
                default -> { }
            }
        }
        parser.setPointsConfigMap(points);
    }

    /** A value as one query term: quoted, with quotes and backslashes escaped ({@code source:"my file.log"}). */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QueryError(text == null ? "" : text, 1, "empty query; try type:ioctl, or *:* for everything");
        }
        Query q;
        try {
            QueryNode tree = parser.getSyntaxParser().parse(text, "message");
            tree = parser.getQueryNodeProcessor().process(Negations.groupNegatedOperands(tree));
            q = (Query) parser.getQueryBuilder().build(tree);
        } catch (QueryNodeParseException e) {
            int col = Math.max(1, e.getBeginColumn() + 1);
            throw new QueryError(text, col, e.getMessage());
        } catch (QueryNodeException | IllegalArgumentException e) {
            String msg = e.getMessage();
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause instanceof IllegalArgumentException || cause instanceof java.text.ParseException) {
                    msg = cause.getMessage();
                }
                cause = cause.getCause();
            }
            throw new QueryError(text, 1, msg);
        }
        checkFields(text, q);
        return Negations.fromAllEvents(everything(q));
    }

    /**
     * A bare {@code *} means every event, as users read it ({@code stats * --by type}), not "every
     * event with a message word": the parser makes it {@code message:*}, which leaves out the
     * structural events (sections, annotations) and costs a walk of every message term.
     */
    private static Query everything(Query q) {
        if (q instanceof WildcardQuery w && w.getTerm().field().equals("message") && w.getTerm().text().equals("*")) {
            return new MatchAllDocsQuery();
        }
        if (q instanceof BooleanQuery b) {
            BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
            for (BooleanClause c : b.clauses()) {
                out.add(everything(c.query()), c.occur());
            }
            return out.build();
        }
        if (q instanceof BoostQuery boost) {
            return new BoostQuery(everything(boost.getQuery()), boost.getBoost());
        }
        return q;
    }

    private static void checkFields(String text, Query q) {
        q.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                if (!field.startsWith("_") && Schema.field(field).isEmpty()) {
                    int at = text.indexOf(field + ":");
                    throw new QueryError(text, at < 0 ? 1 : at + 1, "unknown field '" + field + "'; nearest: "
                            + String.join(", ", Schema.nearest(field, 4)) + " (the command 'fields' lists them all)");
                }
                return true;
            }

            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
    }

    /** ISO 8601 date-times as epoch milliseconds, for time ranges. */
    private static final class TimeFormat extends NumberFormat {
        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(Times.of((long) number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return to.append(Times.of(number));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            String text = source.substring(pos.getIndex());
            long millis = Times.parse(text);
            pos.setIndex(source.length());
            return millis;
        }
    }
}
