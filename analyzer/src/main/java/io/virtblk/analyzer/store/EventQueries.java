package io.virtblk.analyzer.store;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.HashMap;
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

/**
 * Lucene's query syntax over the schema's fields: {@code type:ioctl AND ioctl.name:BLKFLSBUF},
 * {@code fio.iops:[40000 TO *]}, {@code time:[2016-11-11T04:25:00 TO 2016-11-11T04:30:00]};
 * bare words search the message. What Lucene would quietly run as something else is refused with
 * the position and what would be valid, rather than matching nothing or the wrong events: a field
 * the schema lacks or keeps to itself ({@link QueryFields}), a value its field cannot hold or a
 * fuzzy distance Lucene cannot run ({@link QueryValues}). {@code NOT x} is every event except x
 * ({@link Negations}).
 *
 * <p>The steps of Lucene's parser are run one by one so that the checks and the mending of
 * negations can see the syntax tree between them.
 */
public final class EventQueries {

    private final StandardQueryParser parser = new StandardQueryParser(Analyzers.index());

    public EventQueries() {
        parser.setAllowLeadingWildcard(true);
        Map<String, PointsConfig> points = new HashMap<>();
        for (Schema.Field f : Schema.all()) {
            switch (f.kind()) {
                case LONG -> points.put(f.name(), new PointsConfig(QueryNumbers.format(f.name(), f.kind()), Long.class));
                case DOUBLE -> points.put(f.name(), new PointsConfig(QueryNumbers.format(f.name(), f.kind()), Double.class));
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

    /** Characters the query syntax reads as its own (operators, ranges, wildcards, regex, quotes) or as a word's end. */
    private static final String SPECIAL = "+-!(){}[]^\"~*?:\\/=<>&| \t";

    /**
     * A value as one query term, each character the syntax would read as its own escaped
     * ({@code name\=1M_seqrw}): unlike {@link #quote}, what it gives starts with the value's own
     * first characters, so completion can extend what was typed.
     */
    public static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The value a user typed, escaped or quoted ({@code "na}, {@code name\=1}), as the text it stands for. */
    public static String unescape(String typed) {
        String t = typed.startsWith("\"") ? typed.substring(1, typed.endsWith("\"") && typed.length() > 1 ? typed.length() - 1 : typed.length()) : typed;
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                c = t.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    public Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QueryError(text == null ? "" : text, 1, "empty query; try type:ioctl, or *:* for everything");
        }
        Query q;
        try {
            QueryNode tree = parser.getSyntaxParser().parse(text, "message");
            QueryValues.check(text, tree);
            tree = parser.getQueryNodeProcessor().process(Negations.groupNegatedOperands(tree));
            q = (Query) parser.getQueryBuilder().build(tree);
        } catch (QueryNodeParseException e) {
            throw QuerySyntax.explain(text, e);
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
        QueryFields.check(text, q);
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
