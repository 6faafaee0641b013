package io.virtblk.shell.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.virtblk.event.Event;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON out. Records are written by their components in snake_case; times as ISO 8601 text;
 * the field names of the issues are a contract with users' scripts, so rows are built as
 * ordered maps where the names are spelled out.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule("virtblk-times")
                    .addSerializer(LocalDateTime.class, ToStringSerializer.instance)
                    .addSerializer(ZoneOffset.class, ToStringSerializer.instance)
                    .addSerializer(Double.class, new WholeDoubles())
                    .addSerializer(io.virtblk.event.Ioctl.class, new IoctlJson()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** An ioctl as an engineer reads it: the call ID in hex, direction by name, the type character. */
    private static final class IoctlJson extends com.fasterxml.jackson.databind.ser.std.StdSerializer<io.virtblk.event.Ioctl> {
        IoctlJson() {
            super(io.virtblk.event.Ioctl.class);
        }

        @Override
        public void serialize(io.virtblk.event.Ioctl i, com.fasterxml.jackson.core.JsonGenerator g,
                              com.fasterxml.jackson.databind.SerializerProvider p) throws java.io.IOException {
            g.writeStartObject();
            g.writeStringField("cmd", i.cmdHex());
            g.writeStringField("name", i.name());
            g.writeStringField("dir", i.dirName());
            g.writeNumberField("size", i.size());
            g.writeStringField("type", i.typeHex());
            g.writeStringField("type_char", i.typeChar());
            g.writeNumberField("nr", i.nr());
            g.writeEndObject();
        }
    }

    /** 174763008 rather than 1.74763008E8: byte counts and rates read as numbers people know. */
    private static final class WholeDoubles extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
        WholeDoubles() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider p)
                throws java.io.IOException {
            if (v.isNaN() || v.isInfinite()) {
                g.writeNumber(v);
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                g.writeNumber(v.longValue());
            } else {
                g.writeNumber(new java.math.BigDecimal(Double.toString(v)).toPlainString());
            }
        }
    }

    /** A JSON array written one element at a time, as {@link #write} would write the whole list. */
    public static com.fasterxml.jackson.databind.SequenceWriter array(java.io.Writer to) throws java.io.IOException {
        return MAPPER.writer().writeValuesAsArray(to);
    }

    /**
     * Writes {@code value} to {@code out} as {@link #write} would, without building the text first:
     * a lazily made list in it (a big log's replayed runs) is written element by element.
     */
    public static void write(java.io.PrintWriter out, Object value) {
        try {
            MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
        } catch (java.io.IOException e) {
            throw new CommandException("cannot write JSON: " + e.getMessage());
        }
        out.println();
        out.flush();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CommandException("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    /** An event as a map: its type first, then its fields. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> event(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type());
        m.put("source", e.at().source());
        m.put("line", e.at().line());
        m.put("end_line", e.at().endLine());
        Map<String, Object> fields = MAPPER.convertValue(e, Map.class);
        fields.remove("at");
        m.putAll(fields);
        return m;
    }
}
