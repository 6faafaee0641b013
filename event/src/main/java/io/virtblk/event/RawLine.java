package io.virtblk.event;

/**
 * A line kept as it was: output of a program no grammar knows, or a line that broke a known
 * grammar (then a diagnostic names it too). {@code context} says which block it sat in.
 */
public record RawLine(Origin at, String raw, String context) implements Event {
    @Override
    public String type() {
        return "raw";
    }
}
