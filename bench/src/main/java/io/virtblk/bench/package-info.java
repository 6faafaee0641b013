/**
 * JMH benchmarks of the readers, the report scanner and the store ({@code bench/run}); the
 * numbers measured are in {@code docs/PERFORMANCE.md} with the commands that produced them.
 */
package io.virtblk.bench;
