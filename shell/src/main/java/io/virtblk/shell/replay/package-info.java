/**
 * What the device did: {@code replay}, {@code sessions}, {@code timeline}, {@code repro} and
 * {@code triage}, and how a diagnosis is shown ({@link io.virtblk.shell.replay.ReplayView}, the
 * kernel reports beside it, the one-line summary {@code check} prints). The replay itself is the
 * {@code replay} module's; this package only asks it and writes its answers.
 */
package io.virtblk.shell.replay;
