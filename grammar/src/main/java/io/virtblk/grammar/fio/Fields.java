package io.virtblk.grammar.fio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * The {@code key=value, key=value} part of a fio line, with each value's exact text and
 * column. Bare values after a pair belong to it ({@code bs=(R) 4K, (W) 4K} and
 * {@code total=152557,65214,0,0}), so they are appended to the pair's list of parts.
 */
final class Fields {

    /** One pair; {@code parts} are the comma-separated pieces of its value, {@code column} 0-based. */
    record Field(String key, String value, List<String> parts, int column) {
    }

    private final Map<String, Field> byKey = new LinkedHashMap<>();
    private final List<Field> bare = new ArrayList<>();

    static Fields of(String line, FioParser.FieldsContext ctx) {
        Fields f = new Fields();
        if (ctx == null) {
            return f;
        }
        String key = null;
        List<String> parts = null;
        int column = 0;
        int start = -1;
        int stop = -1;
        for (FioParser.FieldContext field : ctx.field()) {
            if (field instanceof FioParser.KeyValueContext kv) {
                if (key != null) {
                    f.put(key, line, start, stop, parts, column);
                }
                String k = kv.KEY().getText();
                key = k.substring(0, k.length() - 1);
                parts = new ArrayList<>();
                column = kv.KEY().getSymbol().getCharPositionInLine();
                start = kv.KEY().getSymbol().getStopIndex() + 1;
                stop = kv.value().isEmpty() ? start - 1 : kv.getStop().getStopIndex();
                if (!kv.value().isEmpty()) {
                    parts.add(text(line, kv));
                }
            } else {
                String value = text(line, field);
                if (key != null) {
                    parts.add(value);
                    stop = field.getStop().getStopIndex();
                } else {
                    f.bare.add(new Field(null, value, List.of(value), field.getStart().getCharPositionInLine()));
                }
            }
        }
        if (key != null) {
            f.put(key, line, start, stop, parts, column);
        }
        return f;
    }

    private void put(String key, String line, int start, int stop, List<String> parts, int column) {
        String value = stop >= start ? line.substring(start, stop + 1).strip() : "";
        byKey.putIfAbsent(key, new Field(key, value, List.copyOf(parts), column));
    }

    private static String text(String line, ParserRuleContext ctx) {
        ParserRuleContext first = ctx instanceof FioParser.KeyValueContext kv && !kv.value().isEmpty() ? kv.value().getFirst() : ctx;
        return line.substring(first.getStart().getStartIndex(), ctx.getStop().getStopIndex() + 1).strip();
    }

    Field get(String key) {
        return byKey.get(key);
    }

    String value(String key) {
        Field f = byKey.get(key);
        return f == null ? null : f.value();
    }

    Map<String, Field> all() {
        return byKey;
    }

    List<Field> bare() {
        return bare;
    }
}
