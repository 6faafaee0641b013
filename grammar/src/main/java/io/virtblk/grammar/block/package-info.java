/**
 * Block-layer traces: the kernel's block tracepoints (ftrace text, {@code trace-cmd report}) and
 * the blktrace text formats (the {@code blk} tracer, {@code blkparse}) into
 * {@link io.virtblk.event.BlockEvent}s. {@link io.virtblk.grammar.block.TracePrefix} takes the
 * who/where/when part of a line by hand (a task's name may hold spaces and dashes);
 * {@code BlockTraceParser} reads the event's body.
 */
package io.virtblk.grammar.block;
