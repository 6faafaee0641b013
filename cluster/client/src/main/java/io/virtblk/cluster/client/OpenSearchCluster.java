package io.virtblk.cluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtblk.analyzer.store.EventQueries;
import io.virtblk.analyzer.store.Hit;
import io.virtblk.analyzer.store.OpenSearchMapping;
import io.virtblk.analyzer.store.Row;
import io.virtblk.analyzer.store.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * OpenSearch (2.x and 3.x) through its REST API: {@code _bulk} to write, {@code query_string}
 * with the store's own syntax to ask, terms aggregations for {@code stats}, {@code search_after}
 * to page a whole source out for replay. Queries are parsed locally first, so a typo gets the
 * same caret and nearest field names as a local query, before anything is sent.
 */
final class OpenSearchCluster extends RestCluster {

    /** Page size of scans and long searches: the default max_result_window is 10,000. */
    private static final int PAGE = 5000;

    OpenSearchCluster(Http http) {
        super(http);
    }

    @Override
    String askVersion() throws IOException {
        Http.Answer a = http.get("/");
        JsonNode v = a.json() == null ? null : a.json().path("version");
        if (!a.ok() || v == null || !v.has("number")) {
            throw new ClusterException(http.url().base() + " does not answer like OpenSearch (GET / gave " + a.status() + ": "
                    + Http.reason(a) + "); expected OpenSearch 2.x or 3.x");
        }
        String number = v.path("number").asText();
        String distribution = v.path("distribution").asText("elasticsearch");
        int major = major(number);
        if (!distribution.equals("opensearch") || major < 2) {
            throw new ClusterException(http.url().base() + " is " + (distribution.equals("opensearch") ? "OpenSearch" : "Elasticsearch") + " "
                    + number + "; virtblk-shell speaks to OpenSearch 2.x and 3.x (the mapping and queries are tested on 3.9)");
        }
        return "OpenSearch " + number;
    }

    @Override
    public boolean exists() throws IOException {
        Http.Answer a = http.send("HEAD", path, null, null);
        return a.status() == 200;
    }

    @Override
    public boolean create() throws IOException {
        version();
        if (exists()) {
            return false;
        }
        Http.Answer a = http.json("PUT", path, OpenSearchMapping.mapping());
        if (a.ok()) {
            return true;
        }
        if (Http.reason(a).startsWith("resource_already_exists_exception")) {
            return false;
        }
        throw new ClusterException("creating index " + http.url().index() + " failed (" + a.status() + "): " + Http.reason(a), a.status());
    }

    @Override
    public List<Failure> bulk(List<ClusterDoc> docs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(docs.size() * 600);
        for (ClusterDoc d : docs) {
            ObjectNode action = Http.JSON.createObjectNode();
            action.putObject("index").put("_id", d.id());
            Http.JSON.writeValue(body, action);
            body.write('\n');
            Http.JSON.writeValue(body, d.fields());
            body.write('\n');
        }
        Http.Answer a = http.send("POST", path + "/_bulk?timeout=" + http.retry().patience().toMillis() + "ms", body.toByteArray(),
                "application/x-ndjson");
        if (!a.ok() || a.json() == null) {
            throw new ClusterException("bulk write to " + http.url().index() + " failed (" + a.status() + "): " + Http.reason(a), a.status());
        }
        List<Failure> failed = new ArrayList<>();
        if (a.json().path("errors").asBoolean(false)) {
            JsonNode items = a.json().path("items");
            for (int i = 0; i < items.size() && i < docs.size(); i++) {
                JsonNode r = items.get(i).path("index");
                if (r.has("error")) {
                    JsonNode e = r.path("error");
                    failed.add(new Failure(docs.get(i), r.path("status").asInt(), e.path("type").asText() + ": " + e.path("reason").asText()));
                }
            }
        }
        return failed;
    }

    @Override
    public void refresh() throws IOException {
        ok(http.send("POST", path + "/_refresh", null, null), "refresh");
    }

    @Override
    public long count(String query) throws IOException {
        ObjectNode body = Http.JSON.createObjectNode();
        body.set("query", queryString(query));
        return ok(http.json("POST", path + "/_count", body), "count").path("count").asLong();
    }

    @Override
    public List<Hit> search(String query, int limit, long[] total) throws IOException {
        return search(query, limit, null, false, total);
    }

    @Override
    public List<Hit> search(String query, int limit, String sortField, boolean descending, long[] total) throws IOException {
        ArrayNode sort = Http.JSON.createArrayNode();
        if (sortField != null) {
            Schema.Field f = Schema.sortable(sortField);
            sort.addObject().putObject(f.name()).put("order", descending ? "desc" : "asc").put("missing", "_last");
        }
        sort.addObject().put("source", "asc");
        sort.addObject().put("line", "asc");
        List<Hit> hits = new ArrayList<>();
        JsonNode after = null;
        long all = -1;
        while (hits.size() < limit) {
            ObjectNode body = Http.JSON.createObjectNode();
            body.set("query", queryString(query));
            body.put("size", Math.max(1, Math.min(PAGE, limit - hits.size())));
            body.put("track_total_hits", all < 0);
            body.set("sort", sort);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode r = ok(http.json("POST", path + "/_search", body), "search");
            if (all < 0) {
                all = r.path("hits").path("total").path("value").asLong();
            }
            JsonNode page = r.path("hits").path("hits");
            for (JsonNode h : page) {
                hits.add(stored.hit(h.path("_source")));
                after = h.path("sort");
            }
            if (page.size() < body.path("size").asInt()) {
                break;
            }
        }
        if (total != null) {
            total[0] = Math.max(all, 0);
        }
        return hits;
    }

    @Override
    public Map<String, Long> stats(String query, String field) throws IOException {
        Schema.Field f = Schema.countable(field);
        ObjectNode body = Http.JSON.createObjectNode();
        body.set("query", queryString(query));
        body.put("size", 0);
        // 65,535 buckets is the cluster's default ceiling; beyond it the rest is said, not dropped silently
        body.putObject("aggs").putObject("by").putObject("terms").put("field", f.name()).put("size", 65_535);
        JsonNode by = ok(http.json("POST", path + "/_search", body), "stats").path("aggregations").path("by");
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode b : by.path("buckets")) {
            counts.put(Stored.key(f, b.path("key")), b.path("doc_count").asLong());
        }
        long other = by.path("sum_other_doc_count").asLong();
        if (other > 0) {
            counts.put("(other values)", other);
        }
        return counts;
    }

    @Override
    public void scan(String query, List<String> fields, Set<String> keptTypes, Consumer<Row> each) throws IOException {
        List<String> include = Stored.scanned(fields);
        JsonNode after = null;
        while (true) {
            ObjectNode body = Http.JSON.createObjectNode();
            body.set("query", queryString(query));
            body.put("size", PAGE);
            body.put("track_total_hits", false);
            ArrayNode sort = body.putArray("sort");
            sort.addObject().put("source", "asc");
            sort.addObject().put("line", "asc");
            ArrayNode src = body.putArray("_source");
            include.forEach(src::add);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode page = ok(http.json("POST", path + "/_search", body), "scan").path("hits").path("hits");
            for (JsonNode h : page) {
                each.accept(stored.row(h.path("_source"), fields, keptTypes));
                after = h.path("sort");
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    @Override
    public int lines(String source) throws IOException {
        ObjectNode body = Http.JSON.createObjectNode();
        body.set("query", queryString("source:" + EventQueries.quote(source)));
        body.put("size", 1);
        body.putArray("_source").add(ClusterDoc.SOURCE_LINES);
        JsonNode hits = ok(http.json("POST", path + "/_search", body), "search").path("hits").path("hits");
        return hits.isEmpty() ? 0 : hits.get(0).path("_source").path(ClusterDoc.SOURCE_LINES).asInt();
    }

    private ObjectNode queryString(String query) {
        String q = checked(query);
        ObjectNode qs = Http.JSON.createObjectNode();
        qs.putObject("query_string").put("query", q).put("default_field", "message").put("allow_leading_wildcard", true);
        return qs;
    }

    private JsonNode ok(Http.Answer a, String what) throws ClusterException {
        if (a.ok() && a.json() != null) {
            return a.json();
        }
        String reason = Http.reason(a);
        if (reason.startsWith("index_not_found_exception")) {
            throw new ClusterException("no index '" + http.url().index() + "' at " + http.url().base()
                    + "; push to it first: push " + http.url().text() + " --create", a.status());
        }
        throw new ClusterException(what + " on " + http.url().base() + " failed (" + a.status() + "): " + reason, a.status());
    }
}
