package io.virtblk.cluster.client;

import io.virtblk.analyzer.store.FieldKind;
import io.virtblk.analyzer.store.Schema;
import io.virtblk.analyzer.store.Times;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A query in the store's syntax as Solr's standard parser must see it. The syntax is the same
 * (Lucene's), except for times: the store reads {@code time:[2016-11-11T04:25:00 TO *]} as the log's
 * wall clock, Solr's date fields want UTC with a {@code Z}. So time bounds and time terms are
 * parsed with the store's own rule and written back as UTC instants; everything else, quoted
 * phrases included, passes untouched.
 */
final class SolrQuery {

    private static final String QUOTED = "\"(?:\\\\.|[^\"\\\\])*\"";
    private static final String TIME_FIELDS = Schema.all().stream().filter(f -> f.kind() == FieldKind.TIME)
            .map(f -> Pattern.quote(f.name())).collect(Collectors.joining("|"));
    private static final String BOUND = QUOTED + "|[^\\s\\]}]+";

    private static final Pattern PARTS = Pattern.compile(
            "(?<phrase>" + QUOTED + ")"
            + "|(?<![\\w.])(?<rfield>" + TIME_FIELDS + ")\\s*:\\s*(?<open>[\\[{])\\s*(?<lo>" + BOUND + ")\\s+TO\\s+(?<hi>" + BOUND
            + ")\\s*(?<close>[\\]}])"
            + "|(?<![\\w.])(?<tfield>" + TIME_FIELDS + ")\\s*:\\s*(?<term>" + QUOTED + "|(?:\\\\.|[^\\s()\\[\\]{}\\\\\"])+)");

    private SolrQuery() {
    }

    static String of(String query) {
        Matcher m = PARTS.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group("phrase") != null) {
                replacement = m.group();
            } else if (m.group("rfield") != null) {
                replacement = m.group("rfield") + ":" + m.group("open") + bound(m.group("lo")) + " TO " + bound(m.group("hi")) + m.group("close");
            } else {
                replacement = m.group("tfield") + ":\"" + instant(m.group("term")) + "\"";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String bound(String b) {
        return b.equals("*") ? b : instant(b);
    }

    private static String instant(String value) {
        String v = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
        return Instant.ofEpochMilli(Times.parse(v.replaceAll("\\\\(.)", "$1"))).toString();
    }
}
