package io.virtblk.analyzer;

import io.virtblk.event.FioEvent;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One fio job in one direction, with everything fio said about it: the job header's options,
 * the result's numbers, the version that printed them and the disk stats of its run.
 */
public record JobRow(String source, int line, String job, int group, String rw, String dir, String fioVersion, int err,
                     Integer pid, LocalDateTime startTime, FioEvent.JobResult result, FioEvent.DirResult direction,
                     List<FioEvent.DiskStats> diskStats) {
}
