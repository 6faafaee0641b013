package io.virtblk.grammar.block;

import java.util.Map;

/**
 * The block tracepoints and blktrace's action letters, one for one, so an event read from any
 * of the formats has both: {@code block_rq_issue} is D (issued to the device) however it was
 * written. These are the kernel's names (include/trace/events/block.h, kernel/trace/blktrace.c),
 * not a user's to extend.
 */
final class BlockActions {

    private static final Map<String, String> ACTION_OF = Map.ofEntries(
            Map.entry("block_bio_queue", "Q"),
            Map.entry("block_getrq", "G"),
            Map.entry("block_rq_insert", "I"),
            Map.entry("block_rq_issue", "D"),
            Map.entry("block_rq_complete", "C"),
            Map.entry("block_rq_error", "C"),
            Map.entry("block_bio_complete", "C"),
            Map.entry("block_rq_requeue", "R"),
            Map.entry("block_bio_backmerge", "M"),
            Map.entry("block_rq_merge", "M"),
            Map.entry("block_bio_frontmerge", "F"),
            Map.entry("block_split", "X"),
            Map.entry("block_bio_remap", "A"),
            Map.entry("block_rq_remap", "A"),
            Map.entry("block_bio_bounce", "B"),
            Map.entry("block_plug", "P"),
            Map.entry("block_unplug", "U"),
            Map.entry("block_sleeprq", "S"));

    private static final Map<String, String> TRACEPOINT_OF = Map.ofEntries(
            Map.entry("Q", "block_bio_queue"),
            Map.entry("G", "block_getrq"),
            Map.entry("I", "block_rq_insert"),
            Map.entry("D", "block_rq_issue"),
            Map.entry("C", "block_rq_complete"),
            Map.entry("R", "block_rq_requeue"),
            Map.entry("M", "block_bio_backmerge"),
            Map.entry("F", "block_bio_frontmerge"),
            Map.entry("X", "block_split"),
            Map.entry("A", "block_bio_remap"),
            Map.entry("B", "block_bio_bounce"),
            Map.entry("P", "block_plug"),
            Map.entry("U", "block_unplug"),
            Map.entry("T", "block_unplug"),
            Map.entry("S", "block_sleeprq"),
            Map.entry("m", "message"));

    private BlockActions() {
    }

    /** The action letter of a tracepoint; null for one that is no step of an I/O ({@code block_dirty_buffer}). */
    static String action(String tracepoint) {
        return ACTION_OF.get(tracepoint);
    }

    /** The tracepoint an action letter stands for; the letter itself when blktrace has no such tracepoint. */
    static String tracepoint(String action) {
        return TRACEPOINT_OF.getOrDefault(action, action);
    }

    /** True when the bracket of an event with this action holds an error ({@code [0]}) rather than a command name. */
    static boolean completes(String action) {
        return "C".equals(action);
    }

    /**
     * True when the bracket names the command that issued the I/O. A completion's holds its error;
     * a requeue's holds nothing of the kind (the kernel prints a constant {@code [0]}): the device
     * gave the request back, no task asked for anything.
     */
    static boolean namesCommand(String action) {
        return !completes(action) && !"R".equals(action);
    }
}
