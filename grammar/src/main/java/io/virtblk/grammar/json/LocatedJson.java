package io.virtblk.grammar.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document whose every value remembers its line and column, so that a bad entry in a
 * rule or driver file can be named where the user wrote it ({@code reports.json:41:18: kinds[2].formats[0].body: ...}).
 * Jackson's tree model drops positions; this keeps them.
 */
public record LocatedJson(Object value, int line, int column, String path) {

    /** A wrong entry in a rule file, with the file, line and column and the field's path. */
    public static final class BadEntry extends IOException {
        public BadEntry(String file, LocatedJson at, String message) {
            super(file + ":" + at.line + ":" + at.column + ": " + (at.path.isEmpty() ? "" : at.path + ": ") + message);
        }

        public BadEntry(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public static LocatedJson read(String file, InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() == null) {
                throw new BadEntry(file + ":1:1: the file is empty; expected a JSON object", null);
            }
            LocatedJson root = value(p, "");
            if (p.nextToken() != null) {
                throw new BadEntry(file + ":" + p.currentTokenLocation().getLineNr() + ":" + p.currentTokenLocation().getColumnNr()
                        + ": more after the end of the JSON object", null);
            }
            return root;
        } catch (java.io.CharConversionException e) {
            // Jackson guessed an encoding (UTF-16 or UTF-32 from the first bytes) the text is not in
            throw new BadEntry(file + ":1:1: not JSON text in UTF-8, UTF-16 or UTF-32: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? file : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new BadEntry(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static LocatedJson value(JsonParser p, String path) throws IOException {
        var at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> {
                Map<String, LocatedJson> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    members.put(name, value(p, path.isEmpty() ? name : path + "." + name));
                }
                yield new LocatedJson(members, line, column, path);
            }
            case START_ARRAY -> {
                List<LocatedJson> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, path + "[" + items.size() + "]"));
                }
                yield new LocatedJson(items, line, column, path);
            }
            case VALUE_STRING -> new LocatedJson(p.getText(), line, column, path);
            case VALUE_TRUE, VALUE_FALSE -> new LocatedJson(t == JsonToken.VALUE_TRUE, line, column, path);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new LocatedJson(p.getNumberValue(), line, column, path);
            case VALUE_NULL -> new LocatedJson(null, line, column, path);
            default -> throw new BadEntry(path + ": unexpected " + t, null);
        };
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    @SuppressWarnings("unchecked")
    public Map<String, LocatedJson> members() {
        return (Map<String, LocatedJson>) value;
    }

    @SuppressWarnings("unchecked")
    public List<LocatedJson> items() {
        return (List<LocatedJson>) value;
    }
}
