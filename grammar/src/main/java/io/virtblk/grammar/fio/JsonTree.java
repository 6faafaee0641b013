package io.virtblk.grammar.fio;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.virtblk.input.Diagnostic;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One JSON value (a job object, say) read from a streaming parser into a tree that remembers
 * where each object member stood, so that a value found wrong later is reported at its line and
 * column. What a plain tree would hold wrongly without a word is reported while reading: a
 * second member of the same name (the first is kept; Jackson would keep the last without a word)
 * and a number no long or double holds (Jackson's {@code asLong()} wraps it), which is left out
 * as a JSON null that the readers take as unknown. Where fio itself repeats a name, as {@link
 * Problems#fiosOwnRepeat} says, the last is kept without a word, as fio means it.
 *
 * <p>Read with a loop and a stack, not by recursion: Jackson allows 1000 levels of nesting.
 */
final class JsonTree {

    /** Where the problems go; {@code pointer} is the JSON pointer of the member or element concerned. */
    interface Problems {
        void report(JsonLocation at, String pointer, String message);

        /** True when the object at {@code pointer} may name {@code key} twice, because the program that wrote it does. */
        default boolean fiosOwnRepeat(String pointer, String key) {
            return false;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final JsonLocation start;
    private final Map<JsonNode, Container> containers;

    private JsonTree(JsonNode root, JsonLocation start, Map<JsonNode, Container> containers) {
        this.root = root;
        this.start = start;
        this.containers = containers;
    }

    /** An object or array being read or read: its pointer and, for an object, where each member's name stood. */
    private static final class Container {
        final JsonNode node;
        final String pointer;
        final Map<String, JsonLocation> names = new HashMap<>();
        String name;
        JsonLocation nameAt;

        Container(JsonNode node, String pointer) {
            this.node = node;
            this.pointer = pointer;
        }
    }

    /**
     * Reads the value whose first token is the parser's current one; the parser is left on its
     * last token, as {@code readTree} leaves it. {@code pointer} is the value's own.
     */
    static JsonTree read(JsonParser p, String pointer, Problems problems) throws IOException {
        Map<JsonNode, Container> containers = new IdentityHashMap<>();
        Deque<Container> open = new ArrayDeque<>();
        JsonNode root = null;
        JsonLocation start = p.currentTokenLocation();
        for (JsonToken t = p.currentToken(); ; t = p.nextToken()) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
            }
            Container parent = open.peek();
            switch (t) {
                case FIELD_NAME -> {
                    parent.name = p.currentName();
                    parent.nameAt = p.currentTokenLocation();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    open.pop();
                    if (open.isEmpty()) {
                        return new JsonTree(root, start, containers);
                    }
                    continue;
                }
                default -> { }
            }
            String at = parent == null ? pointer : parent.pointer + "/" + (parent.node instanceof ObjectNode
                    ? escape(parent.name) : Integer.toString(parent.node.size()));
            JsonNode node = switch (t) {
                case START_OBJECT -> NODES.objectNode();
                case START_ARRAY -> NODES.arrayNode();
                default -> scalar(p, at, problems);
            };
            if (parent == null) {
                root = node;
            } else {
                attach(parent, node, at, problems);
            }
            if (node.isContainerNode()) {
                Container c = new Container(node, at);
                containers.put(node, c);
                open.push(c);
            } else if (parent == null) {
                return new JsonTree(root, start, containers);
            }
        }
    }

    private static void attach(Container parent, JsonNode node, String at, Problems problems) {
        if (parent.node instanceof ArrayNode a) {
            a.add(node);
            return;
        }
        ObjectNode o = (ObjectNode) parent.node;
        if (o.has(parent.name) && !problems.fiosOwnRepeat(parent.pointer, parent.name)) {
            // still read (it may be an object), but not kept
            problems.report(parent.nameAt, at, "duplicate key " + Diagnostic.quote(parent.name)
                    + " in one object; the first value is kept, this one is ignored");
            return;
        }
        o.set(parent.name, node);
        parent.names.put(parent.name, parent.nameAt);
    }

    private static JsonNode scalar(JsonParser p, String at, Problems problems) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> {
                    problems.report(p.currentTokenLocation(), at, "expected a whole number from -2^63 to 2^63-1, found "
                            + Diagnostic.quote(p.getText()) + " (" + p.getTextLength() + " characters); the value is left out");
                    yield NullNode.getInstance();
                }
            };
            case VALUE_NUMBER_FLOAT -> {
                double v = p.getDoubleValue();
                if (Double.isInfinite(v)) {
                    problems.report(p.currentTokenLocation(), at, "expected a number below 10^308, found " + Diagnostic.quote(p.getText())
                            + "; the value is left out");
                    yield NullNode.getInstance();
                }
                yield NODES.numberNode(v);
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NullNode.getInstance();
        };
    }

    /** JSON pointer escaping (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    JsonNode root() {
        return root;
    }

    /** Where member {@code key} of {@code object} stood (its name), or where the tree starts when unknown. */
    JsonLocation at(JsonNode object, String key) {
        Container c = containers.get(object);
        JsonLocation l = c == null ? null : c.names.get(key);
        return l != null ? l : start;
    }

    /** The JSON pointer of member {@code key} of {@code object}. */
    String pointer(JsonNode object, String key) {
        Container c = containers.get(object);
        return (c == null ? "" : c.pointer) + "/" + escape(key);
    }
}
