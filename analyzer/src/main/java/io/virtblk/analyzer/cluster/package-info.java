/**
 * The cluster client: pushing a source's events to OpenSearch or Solr ({@link io.virtblk.analyzer.cluster.Push},
 * with retries) and reading them back ({@link io.virtblk.analyzer.cluster.Cluster}), over
 * {@code java.net.http} with no client library. The tests against real clusters are in the
 * top-level {@code cluster} module.
 */
package io.virtblk.analyzer.cluster;
