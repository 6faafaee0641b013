package io.virtblk.cluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.FieldKind;
import io.virtblk.analyzer.store.Hit;
import io.virtblk.analyzer.store.Row;
import io.virtblk.analyzer.store.Schema;
import io.virtblk.analyzer.store.SolrSchema;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Solr (9 and later, SolrCloud for {@code --create}) through its REST API: JSON documents to
 * {@code /update}, the store's query syntax as {@code q=} with {@code df=message}, facets for
 * {@code stats}, {@code cursorMark} to page a whole source out for replay. The schema comes from
 * {@link SolrSchema} through the Schema API. What Solr sends back is put in the shape the
 * OpenSearch documents have (times as epoch milliseconds, whole events as JSON), so
 * {@link Stored} reads both the same way.
 */
final class SolrCluster extends RestCluster {

    /** Rows per page of scans and long searches. */
    private static final int PAGE = 5000;
    private static final Pattern FAILED_DOC = Pattern.compile("\\[doc=([0-9a-f]+)\\]");

    SolrCluster(Http http) {
        super(http);
    }

    @Override
    String askVersion() throws IOException {
        Http.Answer a = http.get("/admin/info/system?wt=json");
        String number = a.json() == null ? "" : a.json().path("lucene").path("solr-spec-version").asText("");
        if (!a.ok() || number.isEmpty()) {
            throw new ClusterException(http.url().base() + " does not answer like Solr (GET /admin/info/system gave " + a.status() + ": "
                    + Http.reason(a) + "); expected Solr 9 or later at http://HOST:PORT/solr");
        }
        if (major(number) < 9) {
            throw new ClusterException(http.url().base() + " is Solr " + number + "; virtblk-shell speaks to Solr 9 and later"
                    + " (the schema and queries are tested on 9.10)");
        }
        return "Solr " + number;
    }

    @Override
    public boolean exists() throws IOException {
        return http.get(path + "/schema/uniquekey?wt=json").status() == 200;
    }

    /**
     * Makes the collection when it is missing (one shard, a replica on a second node when there is
     * one, like an OpenSearch index's defaults) and adds the fields it lacks: a collection made by
     * hand with any configset gets the same schema. Unknown fields are then refused, not guessed.
     */
    @Override
    public boolean create() throws IOException {
        version();
        boolean created = false;
        if (!exists()) {
            JsonNode status = ok(http.get("/admin/collections?action=CLUSTERSTATUS&wt=json"), "cluster status");
            int nodes = Math.max(1, status.path("cluster").path("live_nodes").size());
            Http.Answer a = http.getOnce("/admin/collections?action=CREATE&wt=json&numShards=1&replicationFactor=" + Math.min(2, nodes)
                    + "&name=" + URLEncoder.encode(http.url().index(), StandardCharsets.UTF_8));
            if (!a.ok() && !Http.reason(a).contains("already exists")) {
                throw new ClusterException("creating collection " + http.url().index() + " failed (" + a.status() + "): " + Http.reason(a)
                        + (a.status() == 400 && Http.reason(a).contains("SolrCloud") ? "; on a standalone Solr make the core yourself,"
                        + " then push --create adds the fields" : ""), a.status());
            }
            created = a.ok();
        }
        addMissingSchema();
        ok(http.json("POST", path + "/config", Map.of("set-user-property", Map.of("update.autoCreateFields", "false"))), "config");
        return created;
    }

    private void addMissingSchema() throws IOException {
        Set<String> types = names(ok(http.get(path + "/schema/fieldtypes?wt=json"), "schema").path("fieldTypes"));
        Set<String> fields = names(ok(http.get(path + "/schema/fields?wt=json"), "schema").path("fields"));
        Map<String, Object> commands = new LinkedHashMap<>();
        commands.put("add-field-type", SolrSchema.fieldTypes().stream().filter(t -> !types.contains((String) t.get("name"))).toList());
        commands.put("add-field", SolrSchema.fields().stream().filter(f -> !fields.contains((String) f.get("name"))).toList());
        ok(http.json("POST", path + "/schema", commands), "schema update");
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new HashSet<>();
        list.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

    /**
     * Solr takes a batch up to its first bad document and stops there with "[doc=ID] ...". So a
     * refused batch is sent again without that document until the rest goes in; every refused
     * document is named by its line, none is dropped unsaid. The ids make sending twice harmless.
     */
    @Override
    public List<Failure> bulk(List<ClusterDoc> docs) throws IOException {
        List<Failure> failed = new ArrayList<>();
        List<ClusterDoc> pending = docs;
        while (!pending.isEmpty()) {
            Http.Answer a = http.send("POST", path + "/update?wt=json", body(pending), "application/json");
            if (a.ok()) {
                break;
            }
            String reason = Http.reason(a);
            if (a.status() != 400) {
                throw new ClusterException("write to collection " + http.url().index() + " failed (" + a.status() + "): " + reason, a.status());
            }
            Matcher m = FAILED_DOC.matcher(reason);
            String bad = m.find() ? m.group(1) : null;
            List<ClusterDoc> rest = new ArrayList<>();
            for (ClusterDoc d : pending) {
                if (bad == null || d.id().equals(bad)) {
                    failed.add(new Failure(d, a.status(), reason.replaceFirst("^ERROR: \\[doc=[0-9a-f]+\\] ", "")));
                } else {
                    rest.add(d);
                }
            }
            if (rest.size() == pending.size()) { // named a document not in the batch: do not loop on it
                rest.forEach(d -> failed.add(new Failure(d, a.status(), reason)));
                break;
            }
            pending = rest;
        }
        return failed;
    }

    /** A document as Solr takes it: the id as a field, times as UTC instants, whole events as JSON text. */
    private static byte[] body(List<ClusterDoc> docs) throws IOException {
        ArrayNode all = Http.JSON.createArrayNode();
        for (ClusterDoc d : docs) {
            ObjectNode o = all.addObject();
            o.put("id", d.id());
            d.fields().forEach((name, value) -> {
                if (name.equals(ClusterDoc.EVENT)) {
                    o.put(name, Http.JSON.valueToTree(value).toString());
                } else if (Schema.field(name).map(f -> f.kind() == FieldKind.TIME).orElse(false)) {
                    o.set(name, value instanceof List<?> l ? Http.JSON.valueToTree(l.stream().map(SolrCluster::instant).toList())
                            : Http.JSON.valueToTree(instant(value)));
                } else {
                    o.set(name, Http.JSON.valueToTree(value));
                }
            });
        }
        return Http.JSON.writeValueAsBytes(all);
    }

    private static String instant(Object millis) {
        return Instant.ofEpochMilli(((Number) millis).longValue()).toString();
    }

    /** A Solr date ("2016-11-11T04:25:00Z") as the epoch milliseconds the store and {@link Stored} use. */
    private static LongNode millis(JsonNode utc) {
        return LongNode.valueOf(Instant.parse(utc.asText()).toEpochMilli());
    }

    /** A Solr document back in the shape {@link Stored} reads: times as epoch milliseconds, the event as JSON. */
    private static JsonNode normal(JsonNode doc) {
        ObjectNode o = doc.deepCopy();
        for (Schema.Field f : Schema.all()) {
            JsonNode v = o.get(f.name());
            if (f.kind() == FieldKind.TIME && v != null) {
                if (v.isArray()) {
                    ArrayNode times = Http.JSON.createArrayNode();
                    v.forEach(t -> times.add(millis(t)));
                    o.set(f.name(), times);
                } else {
                    o.set(f.name(), millis(v));
                }
            }
        }
        JsonNode event = o.get(ClusterDoc.EVENT);
        if (event != null && event.isTextual()) {
            try {
                o.set(ClusterDoc.EVENT, Http.JSON.readTree(event.asText()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("an event stored in Solr is not JSON: " + e.getOriginalMessage());
            }
        }
        return o;
    }

    @Override
    public void refresh() throws IOException {
        ok(http.send("POST", path + "/update?wt=json&commit=true&waitSearcher=true", "[]".getBytes(StandardCharsets.UTF_8),
                "application/json"), "commit");
    }

    @Override
    public long count(String query) throws IOException {
        return select(params(query).with("rows", "0"), "count").path("response").path("numFound").asLong();
    }

    @Override
    public List<Hit> search(String query, int limit, long[] total) throws IOException {
        return search(query, limit, null, false, total);
    }

    @Override
    public List<Hit> search(String query, int limit, String sortField, boolean descending, long[] total) throws IOException {
        String sort = (sortField == null ? "" : Schema.sortable(sortField).name() + (descending ? " desc," : " asc,")) + INPUT_ORDER;
        List<Hit> hits = new ArrayList<>();
        long[] all = {-1};
        page(params(query).with("sort", sort).with("fl", "*"), limit, all, doc -> hits.add(stored.hit(doc)));
        if (total != null) {
            total[0] = Math.max(all[0], 0);
        }
        return hits;
    }

    /** Input order, and the unique key last: cursorMark needs a total order. */
    private static final String INPUT_ORDER = "source asc,line asc,id asc";

    @Override
    public Map<String, Long> stats(String query, String field) throws IOException {
        Schema.Field f = Schema.countable(field);
        JsonNode r = select(params(query).with("rows", "0").with("facet", "true").with("facet.field", f.name()).with("facet.limit", "-1")
                .with("facet.mincount", "1"), "stats");
        JsonNode pairs = r.path("facet_counts").path("facet_fields").path(f.name());
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            JsonNode key = pairs.get(i);
            if (f.kind() == FieldKind.TIME) {
                key = millis(key);
            }
            counts.put(Stored.key(f, key), pairs.get(i + 1).asLong());
        }
        return counts;
    }

    @Override
    public void scan(String query, List<String> fields, Set<String> keptTypes, Consumer<Row> each) throws IOException {
        page(params(query).with("sort", INPUT_ORDER).with("fl", String.join(",", Stored.scanned(fields))), Integer.MAX_VALUE, null,
                doc -> each.accept(stored.row(doc, fields, keptTypes)));
    }

    /** Pages through the matches with cursorMark, at most {@code limit}; {@code total[0]} gets the full count. */
    private void page(Params p, int limit, long[] total, Consumer<JsonNode> each) throws IOException {
        String cursor = "*";
        int seen = 0;
        while (seen < limit) {
            int rows = Math.max(1, Math.min(PAGE, limit - seen));
            JsonNode r = select(p.copy().with("rows", Integer.toString(rows)).with("cursorMark", cursor), "search");
            if (total != null && total[0] < 0) {
                total[0] = r.path("response").path("numFound").asLong();
            }
            JsonNode docs = r.path("response").path("docs");
            for (JsonNode d : docs) {
                if (seen++ < limit) {
                    each.accept(normal(d));
                }
            }
            String next = r.path("nextCursorMark").asText(cursor);
            if (docs.size() < rows || next.equals(cursor)) {
                return;
            }
            cursor = next;
        }
    }

    @Override
    public int lines(String source) throws IOException {
        JsonNode docs = select(params("source:" + EventQueries.quote(source)).with("rows", "1").with("fl", ClusterDoc.SOURCE_LINES), "search")
                .path("response").path("docs");
        return docs.isEmpty() ? 0 : docs.get(0).path(ClusterDoc.SOURCE_LINES).asInt();
    }

    /** Query parameters; the query is checked by the local parser first, so a typo never reaches the cluster. */
    private Params params(String query) {
        String q = checked(query);
        return new Params().with("q", SolrQuery.of(q)).with("df", "message").with("q.op", "OR").with("sow", "true").with("wt", "json");
    }

    private JsonNode select(Params p, String what) throws IOException {
        return ok(http.send("POST", path + "/select", p.form(), "application/x-www-form-urlencoded"), what);
    }

    private JsonNode ok(Http.Answer a, String what) throws ClusterException {
        if (a.ok() && a.json() != null) {
            return a.json();
        }
        if (a.status() == 404) {
            throw new ClusterException("no collection '" + http.url().index() + "' at " + http.url().base()
                    + "; push to it first: push " + http.url().text() + " --create", a.status());
        }
        throw new ClusterException(what + " on " + http.url().base() + " failed (" + a.status() + "): " + Http.reason(a), a.status());
    }

    /** Form parameters in order, sent as the body so a long query never meets a URL length limit. */
    private static final class Params {
        private final Map<String, String> values = new LinkedHashMap<>();

        Params with(String name, String value) {
            values.put(name, value);
            return this;
        }

        Params copy() {
            Params p = new Params();
            p.values.putAll(values);
            return p;
        }

        byte[] form() {
            StringBuilder b = new StringBuilder();
            values.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
