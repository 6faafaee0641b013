/**
 * Answers from loaded events. Enters: {@link io.virtblk.load.LoadedSource}s from the grammar
 * stage. Leaves: rows and aggregates the shell prints and the replay stage reads.
 *
 * <p>Start with {@link io.virtblk.analyzer.Workspace}, the set of loaded sources, and
 * {@link io.virtblk.analyzer.JobTable}, which joins fio's job headers, results, version and
 * disk stats into one row per job and direction. The Lucene store arrives here next.
 */
package io.virtblk.analyzer;
