/**
 * What is loaded: {@code load} (files, folders, globs, with a progress line and Ctrl-C),
 * {@code unload}, {@code sources}, the index {@code cache}, and {@code push} of loaded events to a
 * cluster.
 */
package io.virtblk.shell.sources;
