/**
 * Answers from loaded events. Enters: event streams from the grammar stage. Leaves: hits, counts,
 * aggregates and rows the shell prints and the replay stage reads.
 *
 * <p>Start with {@link io.virtblk.analyzer.store.EventStore}: one Lucene index per source
 * ({@link io.virtblk.analyzer.store.SourceIndex}), fields defined once in
 * {@link io.virtblk.analyzer.store.Schema}, queries by {@link io.virtblk.analyzer.store.EventQueries}.
 * {@link io.virtblk.analyzer.JobTable} joins fio's job headers, results, version and disk stats
 * into one row per job and direction.
 */
package io.virtblk.analyzer;
