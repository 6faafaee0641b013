package io.virtblk.grammar.fio;

import io.virtblk.input.Diagnostic;
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

    /**
     * Longer than any name fio prints. A name past it is damage, not a field: kept, it would
     * become a map key in the event, and the store cannot read back a JSON name over 50,000
     * characters (Jackson's limit), so such an event loads but {@code jobs} and {@code export} fail.
     */
    static final int MAX_KEY = 64;

    private final Map<String, Field> byKey = new LinkedHashMap<>();
    private final List<Field> bare = new ArrayList<>();
    private final int lineLength;

    private Fields(int lineLength) {
        this.lineLength = lineLength;
    }

    /** The fields of {@code ctx}; a name longer than {@link #MAX_KEY} is a {@link BadField}. */
    static Fields of(String line, FioParser.FieldsContext ctx) {
        Fields f = new Fields(line.length());
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
                if (k.length() - 1 > MAX_KEY) {
                    throw new BadField(kv.KEY().getSymbol().getCharPositionInLine() + 1, "expected a field name of at most " + MAX_KEY
                            + " characters before '=', found one of " + (k.length() - 1) + ": " + Diagnostic.quote(k));
                }
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

    /** The field {@code key}, or a {@link BadField} at the end of the line saying that {@code shape} was expected. */
    Field require(String key, String shape) {
        Field f = byKey.get(key);
        if (f == null) {
            throw new BadField(lineLength + 1, "expected '" + shape + "' in this line, found no '" + key + "='");
        }
        return f;
    }

    /** The value of {@link #require}. */
    String requireValue(String key, String shape) {
        return require(key, shape).value();
    }

    /** A {@link BadField} at {@code f} saying what was expected there ("'run=MIN-MAXmsec'", "a depth like '4'"). */
    static BadField bad(Field f, String expected) {
        return new BadField(f.column() + 1, "expected " + expected + ", found " + Diagnostic.quote(f.key() + "=" + f.value()));
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
