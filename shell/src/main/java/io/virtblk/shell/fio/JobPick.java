package io.virtblk.shell.fio;

import io.virtblk.shell.command.Args;
import io.virtblk.shell.command.CommandException;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which job runs a command means: {@code JOB}, or one run of it as {@code JOB@LINE} (the line
 * {@code jobs} shows) or {@code JOB --run N}, narrowed by {@code --source S} and {@code --dir D}.
 * A job name that itself holds an {@code @} is taken whole when a job has that name.
 */
record JobPick(String command, String job, Integer line, Integer run, String source, String dir) {

    static JobPick parse(String command, Args a, Session session) {
        String typed = a.positional().getFirst();
        String job = typed;
        Integer line = null;
        int at = typed.lastIndexOf('@');
        if (at > 0 && at < typed.length() - 1 && typed.substring(at + 1).chars().allMatch(Character::isDigit)
                && JobRun.all(session).stream().noneMatch(r -> r.row().job().equals(typed))) {
            job = typed.substring(0, at);
            line = parseWhole(command, "the line in " + typed, typed.substring(at + 1));
        }
        String run = a.option("--run");
        String dir = a.option("--dir");
        if (dir != null && !List.of("read", "write", "trim").contains(dir)) {
            throw new UsageException(command + ": --dir takes read, write or trim, not '" + dir + "'");
        }
        String source = a.option("--source") == null ? null : session.store().sourceNamed(a.option("--source"));
        if (a.option("--source") != null && source == null) {
            throw new CommandException(command + ": " + session.store().noSourceNamed(a.option("--source")));
        }
        return new JobPick(command, job, line, run == null ? null : parseWhole(command, "--run", run), source, dir);
    }

    private static int parseWhole(String command, String what, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(command + ": " + what + " takes a whole number from 1, not '" + value + "'");
    }

    /**
     * The job runs named {@code job} that the pick allows; none when no job has the name (the
     * caller may then look for a fio log of that name). A name that matches but a line, run or
     * source that does not is refused with the runs there are.
     */
    List<JobRun> select(List<JobRun> all) {
        List<JobRun> named = all.stream().filter(r -> r.row().job().equals(job)).toList();
        if (named.isEmpty()) {
            return named;
        }
        List<JobRun> picked = named.stream()
                .filter(r -> source == null || r.copies().stream().anyMatch(c -> c.source().equals(source)))
                .filter(r -> line == null || r.copies().stream().anyMatch(c -> c.line() == line && (source == null || c.source().equals(source))))
                .filter(r -> run == null || r.copies().stream().anyMatch(c -> c.run() == run && (source == null || c.source().equals(source))))
                .filter(r -> dir == null || r.row().dir().equals(dir))
                .toList();
        if (picked.isEmpty()) {
            String what = line != null ? "no result of fio job '" + job + "' at line " + line
                    : run != null ? "no run " + run + " of fio job '" + job + "'"
                    : dir != null ? "fio job '" + job + "' did no " + dir + "s" : "no fio job '" + job + "' in " + source;
            throw new CommandException(command + ": " + what + (source != null && (line != null || run != null) ? " in " + source : "")
                    + "; its results: " + choices(named));
        }
        return picked;
    }

    /** {@code sequential_read@5 (run 1, started ..., FILE), ...}: one entry per run, whatever its directions. */
    static String choices(List<JobRun> runs) {
        Map<String, String> byHandle = new LinkedHashMap<>();
        for (JobRun r : runs) {
            var row = r.row();
            byHandle.putIfAbsent(r.handle() + "|" + row.source(), r.handle() + " (run " + row.run()
                    + (row.startTime() == null ? "" : ", started " + JobsCommand.time(row.startTime())) + ", " + row.source() + ")");
        }
        return String.join(", ", byHandle.values());
    }

    /** The note under several runs of one name: how to pick one. */
    static String howToPick(List<JobRun> shown) {
        long handles = shown.stream().map(r -> r.handle() + "|" + r.row().source()).distinct().count();
        if (handles < 2) {
            return null;
        }
        String job = shown.getFirst().row().job();
        return handles + " job runs are named " + job + ": pick one with " + job + "@LINE or --run N (and --source S when files share a line)";
    }
}
