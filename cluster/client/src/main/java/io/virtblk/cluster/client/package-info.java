/**
 * The cluster client: pushing a source's events to OpenSearch or Solr ({@link io.virtblk.cluster.client.Push},
 * with retries) and reading them back ({@link io.virtblk.cluster.client.Cluster}), over
 * {@code java.net.http} with no client library. The tests against real clusters are in the
 * top-level {@code cluster} module.
 */
package io.virtblk.cluster.client;
