/**
 * The event model: what every input line becomes. Enters: nothing (these are values). Leaves:
 * records under the sealed {@link io.virtblk.event.Event} - {@link io.virtblk.event.KernelEvent},
 * {@link io.virtblk.event.FioEvent}, {@link io.virtblk.event.TranscriptEvent}, {@link io.virtblk.event.BlockEvent} and
 * {@link io.virtblk.event.RawLine}. Each keeps its {@link io.virtblk.event.Origin} and raw text.
 * Records carry no framework annotations; the shell's JSON writer knows how to write them.
 */
package io.virtblk.event;
