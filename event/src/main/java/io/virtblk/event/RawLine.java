package io.virtblk.event;

/**
 * A line kept as it was: output of a program no grammar knows, or a line that broke a known
 * grammar (then a diagnostic names it too). {@code context} says which block it sat in.
 *
 * @param time seconds on the source's clock when the line is stamped though not typed (another
 *             ftrace event in a block trace, such as {@code sched_switch}: the trace ran until
 *             then, whatever the block events say), null otherwise
 */
public record RawLine(Origin at, String raw, String context, Double time) implements Event {

    public RawLine(Origin at, String raw, String context) {
        this(at, raw, context, null);
    }

    @Override
    public String type() {
        return "raw";
    }
}
