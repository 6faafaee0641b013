package io.virtblk.analyzer;

import io.virtblk.event.FioEvent;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * One fio job in one direction, with everything fio said about it: the job header's options,
 * the result's numbers, the version that printed them and the disk stats of its run.
 *
 * @param run     the fio run of the source it belongs to, from 1: a log that holds two runs of
 *                the same job has the name twice, and this (with {@code line} and {@code
 *                startTime}) tells them apart
 * @param error   fio's text for {@code err} ("No space left on device"), from the result line or
 *                fio's own error line; null when the job ended well or fio printed no text
 * @param options the job's options as its header or JSON document gave them (empty when unknown)
 */
public record JobRow(String source, int line, String job, int group, String rw, String dir, String fioVersion, int err,
                     Integer pid, LocalDateTime startTime, FioEvent.JobResult result, FioEvent.DirResult direction,
                     List<FioEvent.DiskStats> diskStats, int run, String error, Map<String, String> options) {

    /** True when fio reported an error for the job: its numbers cover only what it did before it stopped. */
    public boolean failed() {
        return err != 0;
    }
}
