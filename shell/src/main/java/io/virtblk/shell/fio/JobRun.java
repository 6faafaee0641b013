package io.virtblk.shell.fio;

import io.virtblk.analyzer.JobRow;
import io.virtblk.analyzer.JobTable;
import io.virtblk.shell.command.Session;
import java.util.List;

/**
 * One job run in one direction as {@code jobs} shows it: the row, and its copies when the same
 * run was saved in more formats (text and JSON+ of one run; a copy may hold what the row lacks,
 * such as latency bins).
 */
public record JobRun(List<JobRow> copies) {

    public JobRow row() {
        return copies.getFirst();
    }

    /** fio's text for the job's error from whichever copy has it (the text report beside a JSON document has it, the JSON not). */
    String error() {
        return copies.stream().map(JobRow::error).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** {@code JOB@LINE}: what {@code latency} and {@code histogram} take to mean this run. */
    public String handle() {
        return row().job() + "@" + row().line();
    }

    /** {@code run 2 of FILE, started 2026-11-26 07:05:00}. */
    public String where() {
        JobRow r = row();
        return "run " + r.run() + " of " + r.source() + (r.startTime() == null ? "" : ", started " + JobsCommand.time(r.startTime()));
    }

    /** Every job run of the loaded sources, in load order. */
    public static List<JobRun> all(Session session) {
        return JobTable.copies(JobsCommand.rows(session)).stream().map(JobRun::new).toList();
    }
}
