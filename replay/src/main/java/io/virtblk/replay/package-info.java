/**
 * Replay: rebuilds the device's sessions from stored events, replays them on a simulated
 * device and explains where and why the workload stalled. Enters: events from the analyzer
 * stage. Leaves: diagnoses for the shell.
 *
 * <p>Empty until the replay issue lands; the module exists so the pipeline's shape
 * (grammar, analyzer, replay, shell) is fixed from the first build.
 */
package io.virtblk.replay;
