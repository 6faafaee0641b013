package io.virtblk.grammar;

import io.virtblk.event.Event;
import io.virtblk.input.Diagnostic;

/**
 * Where readers put what they make. The sink does the accounting that proves no line was lost:
 * every line is in exactly one typed event, one raw event, or counted as structural.
 */
public interface EventSink {

    /** An event covering {@code lines} input lines ({@link io.virtblk.event.RawLine} counts as raw). */
    void event(Event event, int lines);

    /** A line that carries no content: blank, the {@code ...} of a log tail, a journal banner. */
    void structural(int line);

    void diagnostic(Diagnostic diagnostic);
}
