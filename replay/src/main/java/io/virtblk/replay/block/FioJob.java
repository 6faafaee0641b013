package io.virtblk.replay.block;

/**
 * A fio job of the same case, as its output reports it: what fio itself waited per I/O, to set
 * beside what the device took.
 *
 * @param pid        the job's pid ({@code pid=6339}), null when the output does not say
 * @param clatAvg    its mean completion latency, seconds, over its directions (weighted by I/Os), null when not reported
 * @param clatP99    the worst of its directions' p99 completion latency, seconds, null when not reported
 * @param clatMax    the worst of its directions' max, seconds, null when not reported
 */
public record FioJob(String job, Integer pid, Double clatAvg, Double clatP99, Double clatMax) {
}
