package io.virtblk.event;

/**
 * Where an event came from: the source as the user named it and the 1-based line range.
 * A single-line event has {@code line == endLine}.
 */
public record Origin(String source, int line, int endLine) {

    public static Origin of(String source, int line) {
        return new Origin(source, line, line);
    }

    public Origin through(int last) {
        return new Origin(source, line, Math.max(line, last));
    }

    @Override
    public String toString() {
        return line == endLine ? source + ":" + line : source + ":" + line + "-" + endLine;
    }
}
