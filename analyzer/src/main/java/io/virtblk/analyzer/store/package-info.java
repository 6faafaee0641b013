/**
 * The event store: the {@link io.virtblk.analyzer.store.Schema} of queryable fields, events made
 * documents ({@link io.virtblk.analyzer.store.EventDocuments}, kept events as JSON by
 * {@link io.virtblk.analyzer.store.EventJson}), one Lucene index per source built in parallel
 * ({@link io.virtblk.analyzer.store.IndexBuild}) and kept on disk under a checked format
 * ({@link io.virtblk.analyzer.store.IndexCache}), and queries parsed, checked and refused with a
 * column ({@link io.virtblk.analyzer.store.EventQueries}). {@link io.virtblk.analyzer.store.EventStore}
 * is the face the shell talks to.
 */
package io.virtblk.analyzer.store;
