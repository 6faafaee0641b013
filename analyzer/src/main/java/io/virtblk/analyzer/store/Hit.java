package io.virtblk.analyzer.store;

import io.virtblk.event.Event;
import java.util.Map;

/**
 * One event found in the store: where it is, its line(s) exactly as written, the schema fields
 * it has, and the whole event when the store keeps it (fio results, reports, transcript lines).
 */
public record Hit(String source, int line, int endLine, String type, String raw, Map<String, Object> fields, Event event) {
}
