package io.virtblk.cluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtblk.analyzer.store.EventJson;
import io.virtblk.analyzer.store.FieldKind;
import io.virtblk.analyzer.store.FieldValues;
import io.virtblk.analyzer.store.Hit;
import io.virtblk.analyzer.store.Row;
import io.virtblk.analyzer.store.Schema;
import io.virtblk.analyzer.store.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A cluster's stored document read back into the local store's shapes ({@link Hit}, {@link Row}). */
final class Stored {

    private final EventJson json = new EventJson();

    /** Fields every hit and row needs, whatever else is asked. */
    static final List<String> ALWAYS = List.of("source", "line", "end_line", "type");

    /** What a scan asks a cluster to send back: the fields every row needs, those asked for, and the whole event. */
    static List<String> scanned(List<String> fields) {
        List<String> out = new ArrayList<>(ALWAYS);
        out.addAll(fields);
        out.add(ClusterDoc.EVENT);
        return out;
    }

    Hit hit(JsonNode doc) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field f : Schema.all()) {
            if (f.kind() == FieldKind.TEXT || f.name().equals("source")) {
                continue;
            }
            JsonNode v = doc.get(f.name());
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                List<Object> all = new ArrayList<>();
                v.forEach(x -> all.add(shown(f, x)));
                fields.put(f.name(), all.size() == 1 ? all.getFirst() : all);
            } else {
                fields.put(f.name(), shown(f, v));
            }
        }
        int line = doc.path("line").asInt();
        return new Hit(doc.path("source").asText(), line, doc.path("end_line").asInt(line), doc.path("type").asText(),
                doc.path(ClusterDoc.RAW).asText(""), fields, ClusterDoc.event(doc, json));
    }

    Row row(JsonNode doc, List<String> wanted, java.util.Set<String> keptTypes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : wanted) {
            JsonNode v = doc.get(name);
            if (v != null && v.isArray()) {
                v = v.size() == 0 ? null : v.get(0);
            }
            if (v == null || v.isNull()) {
                continue;
            }
            m.put(name, switch (Schema.kind(name)) {
                case TIME -> Times.of(v.asLong());
                case DOUBLE -> v.asDouble();
                case LONG -> v.asLong();
                default -> v.asText();
            });
        }
        String type = doc.path("type").asText();
        int line = doc.path("line").asInt();
        return new Row(doc.path("source").asText(), line, doc.path("end_line").asInt(line), type, m,
                keptTypes.contains(type) ? ClusterDoc.event(doc, json) : null);
    }

    /** As the local store shows a value (its own formatting, so the two cannot drift): times in ISO form, whole doubles as whole numbers. */
    private static Object shown(Schema.Field f, JsonNode v) {
        return switch (f.kind()) {
            case TIME -> Times.of(v.asLong()).toString();
            case DOUBLE -> FieldValues.numberOf(FieldValues.plain(v.asDouble()));
            case LONG -> v.asLong();
            default -> v.asText();
        };
    }

    /** A bucket key as the local {@code stats} names it. */
    static String key(Schema.Field f, JsonNode key) {
        return switch (f.kind()) {
            case TIME -> Times.of(key.asLong()).toString();
            case DOUBLE -> FieldValues.plain(key.asDouble());
            case LONG -> Long.toString(key.asLong());
            default -> key.asText();
        };
    }
}
