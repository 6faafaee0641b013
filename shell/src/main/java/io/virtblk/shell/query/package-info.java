/**
 * Finding and counting events: {@code query}, {@code count}, {@code stats}, {@code fields},
 * {@code events}, {@code context} and {@code export}, with how a hit is shown as one row
 * ({@link io.virtblk.shell.query.Hits}, {@link io.virtblk.shell.query.RowSummary}).
 */
package io.virtblk.shell.query;
