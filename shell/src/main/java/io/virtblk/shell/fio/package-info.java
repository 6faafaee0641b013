/**
 * fio's jobs and their latencies: {@code jobs} (a row per job and direction, as fio reports it),
 * {@code latency} and {@code histogram} (a job's distribution from JSON+ bins, per-I/O or averaged
 * logs, histogram logs or fio's own percentiles, whichever the files hold).
 */
package io.virtblk.shell.fio;
