/**
 * Files to loaded sources. Enters: a path, optionally {@code format:path}. Leaves: a
 * {@link io.virtblk.load.LoadedSource} with events, diagnostics and line accounting, or a stream
 * of events. Start with {@link io.virtblk.load.SourceLoader}; {@link io.virtblk.load.InputFormat}
 * is the registry of formats and their detection.
 */
package io.virtblk.load;
