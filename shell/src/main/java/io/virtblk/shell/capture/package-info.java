/**
 * {@code capture}: records what a diagnosis needs on the one clock — the block layer's own
 * trace (an ftrace instance of ours, on the clock measured to match the kernel log's stamps),
 * the kernel log of the same window and the command's output — into a bundle folder that
 * {@code load DIR} and {@code check DIR} read as one case. Every kernel setting it changes is
 * written down first ({@link io.virtblk.shell.capture.Changes}) and put back on every way out.
 * It comes before the text stage: it writes the files the readers read, and reads none of them.
 */
package io.virtblk.shell.capture;
