package io.virtblk.analyzer.store;

import io.virtblk.event.Event;
import java.util.Map;

/** One event of a {@link EventSearch#scan}: where it is, the fields asked for, the whole event when the store keeps it. */
public record Row(String source, int line, int endLine, String type, Map<String, Object> fields, Event event) {
}
