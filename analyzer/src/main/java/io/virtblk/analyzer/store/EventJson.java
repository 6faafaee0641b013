package io.virtblk.analyzer.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.TranscriptEvent;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Events to JSON and back, for the events the store keeps whole (fio results, reports, the
 * transcript's structure) so that commands like {@code jobs} read them back exactly. Records
 * stay free of annotations: this module knows how to write times.
 *
 * <p>A stored event is {@code TYPE|JSON}, TYPE being the event's {@link Event#type()}: the names
 * users query by, which outlive a renamed Java class or package (a cache or a cluster holds no
 * class name). {@link #KEPT} says which record each type is read back as.
 */
public final class EventJson {

    /** The record each kept event type is read back as; a kept event of a type not here is a bug, said at write. */
    private static final Map<String, Class<? extends Event>> KEPT = Map.ofEntries(
            Map.entry("fio_job", FioEvent.JobHeader.class),
            Map.entry("fio_version", FioEvent.Version.class),
            Map.entry("fio_starting", FioEvent.Starting.class),
            Map.entry("fio_result", FioEvent.JobResult.class),
            Map.entry("fio_group", FioEvent.GroupStatus.class),
            Map.entry("fio_disk", FioEvent.DiskStats.class),
            Map.entry("fio_notice", FioEvent.Notice.class),
            Map.entry("section", TranscriptEvent.Section.class),
            Map.entry("command", TranscriptEvent.Command.class),
            Map.entry("interrupt", TranscriptEvent.Interrupt.class),
            Map.entry("annotation", TranscriptEvent.Annotation.class),
            Map.entry("report", KernelEvent.Report.class));

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .addModule(new SimpleModule("virtblk-times")
                    .addSerializer(LocalDateTime.class, new ToText<>(LocalDateTime.class))
                    .addDeserializer(LocalDateTime.class, new FromText<>(LocalDateTime.class) {
                        @Override
                        LocalDateTime parse(String s) {
                            return LocalDateTime.parse(s);
                        }
                    })
                    .addSerializer(ZoneOffset.class, new ToText<>(ZoneOffset.class))
                    .addDeserializer(ZoneOffset.class, new FromText<>(ZoneOffset.class) {
                        @Override
                        ZoneOffset parse(String s) {
                            return ZoneOffset.of(s);
                        }
                    }))
            .build();

    /** True for the events worth keeping whole: few per file, read back by commands. */
    public boolean keeps(Event e) {
        return (e instanceof FioEvent && !(e instanceof FioEvent.Progress) && !(e instanceof FioEvent.Sample) && !(e instanceof FioEvent.Histogram))
                || e instanceof TranscriptEvent || e instanceof KernelEvent.Report;
    }

    public String write(Event e) {
        if (KEPT.get(e.type()) != e.getClass()) {
            throw new IllegalStateException("no stored form for " + e.type() + " events (" + e.getClass().getSimpleName()
                    + "): add the type to EventJson.KEPT");
        }
        try {
            return e.type() + "|" + mapper.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write " + e.type() + " as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    public Event read(String stored) {
        int bar = stored.indexOf('|');
        Class<? extends Event> type = bar < 0 ? null : KEPT.get(stored.substring(0, bar));
        if (type == null) {
            throw new IllegalStateException("cannot read a stored event back (no event type '" + (bar < 0 ? stored : stored.substring(0, bar))
                    + "'); reload the source");
        }
        try {
            return mapper.readValue(stored.substring(bar + 1), type);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read a stored event back (" + ex.getMessage() + "); reload the source", ex);
        }
    }

    private static final class ToText<T> extends StdSerializer<T> {
        ToText(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(value.toString());
        }
    }

    private abstract static class FromText<T> extends StdDeserializer<T> {
        FromText(Class<T> type) {
            super(type);
        }

        abstract T parse(String s);

        @Override
        public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return parse(p.getValueAsString());
        }
    }
}
