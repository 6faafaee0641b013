package io.virtblk.cluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtblk.analyzer.store.EventDocuments;
import io.virtblk.analyzer.store.EventJson;
import io.virtblk.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.NumericUtils;

/**
 * One event as a cluster document. Its fields are read off the very Lucene document the local
 * store would index ({@link EventDocuments}), so the two stores cannot drift apart field by field;
 * the cluster adds what the local store reads from elsewhere: {@code raw} (the line(s) as written,
 * which locally come from the file), {@code event} (the whole event for the types replay and
 * {@code jobs} read back) and {@code source_lines} (where the source ends).
 *
 * <p>The id is a hash of the source's name and the event's first line: the same event pushed
 * twice overwrites itself, and a log that grew keeps its old ids.
 */
public record ClusterDoc(String id, String source, int line, Map<String, Object> fields) {

    /** Cluster-only fields, beside the schema's. */
    public static final String RAW = "raw";
    public static final String EVENT = "event";
    public static final String SOURCE_LINES = "source_lines";

    public static ClusterDoc of(Event e, String source, int sourceLines, EventJson json) {
        Document d = EventDocuments.of(e, 0, 0, json);
        Map<String, Object> m = new LinkedHashMap<>();
        for (IndexableField f : d) {
            if (f.name().startsWith("_")) {
                continue;
            }
            Object v = f instanceof DoubleField ? (Object) doubleOf(f.numericValue())
                    : f.numericValue() != null ? f.numericValue() : f.stringValue();
            m.merge(f.name(), v, ClusterDoc::append);
            if (f.name().equals("type")) {
                m.put("source", source); // the local store knows it from the index; a cluster's documents carry it
            }
        }
        m.put(RAW, e.raw());
        if (json.keeps(e)) {
            String stored = json.write(e);
            int bar = stored.indexOf('|');
            Map<String, Object> whole = new LinkedHashMap<>();
            whole.put("java", stored.substring(0, bar));
            try {
                whole.put("value", Http.JSON.readTree(stored.substring(bar + 1)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            m.put(EVENT, whole);
        }
        m.put(SOURCE_LINES, sourceLines);
        return new ClusterDoc(id(source, e.at().line()), source, e.at().line(), m);
    }

    /** A DoubleField holds its value as a sortable long (that is what its points and doc values index). */
    private static double doubleOf(Number n) {
        return n instanceof Long bits ? NumericUtils.sortableLongToDouble(bits) : n.doubleValue();
    }

    /** The event a cluster document keeps whole, back in the store's own form, or null. */
    static Event event(JsonNode source, EventJson json) {
        JsonNode whole = source.path(EVENT);
        if (!whole.isObject()) {
            return null;
        }
        return json.read(whole.path("java").asText() + "|" + whole.path("value").toString());
    }

    public static String id(String source, int line) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((source + "\n" + line).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object append(Object a, Object b) {
        List<Object> l;
        if (a instanceof List<?> list) {
            l = (List<Object>) list;
        } else {
            l = new ArrayList<>();
            l.add(a);
        }
        l.add(b);
        return l;
    }
}
