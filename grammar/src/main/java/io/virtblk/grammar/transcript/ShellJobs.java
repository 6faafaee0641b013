package io.virtblk.grammar.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Bash job control as a transcript shows it. {@code CMD &} puts a command in the background as
 * job N (one more than the highest job still there, as bash numbers them); {@code fg}, {@code fg
 * %N}, {@code fg N}, {@code %N}, {@code fg %name} bring one back, and its output goes on under
 * that prompt; {@code wait} waits for them. A transcript does not show when a background job
 * ended unless it is brought back, so a job stays pending until {@code fg} or {@code wait} names
 * it.
 *
 * <p>Both the transcript reader (to read the output after {@code fg} as the resumed program's)
 * and replay (to keep a backgrounded command and its {@code fg} one run) follow the same rules,
 * so they live here.
 */
public final class ShellJobs {

    /** A background job: its number, the command line as typed (with the {@code &}), its program, its line. */
    public record Job(int number, String commandLine, String program, int line) {
    }

    /** What one command did to the jobs: the job it started in the background (or null), the jobs it brought back. */
    public record Change(Job started, List<Job> resumed) {
    }

    private final TreeMap<Integer, Job> pending = new TreeMap<>();
    /** Jobs in the order they went to the background: bash's current job ({@code %+}) is the last. */
    private final List<Job> order = new ArrayList<>();

    /** True when the command line ends in a single {@code &} (not {@code &&}). */
    public static boolean background(String commandLine) {
        String s = commandLine.strip();
        return s.endsWith("&") && !s.endsWith("&&");
    }

    /** True for the builtins that only move jobs around: they run nothing of their own. */
    public static boolean jobControl(String program) {
        return program.equals("fg") || program.equals("wait") || program.equals("jobs") || program.equals("bg")
                || program.startsWith("%");
    }

    public boolean anyPending() {
        return !pending.isEmpty();
    }

    /** The jobs still in the background, by number. */
    public List<Job> pending() {
        return List.copyOf(pending.values());
    }

    /** The command at {@code line} was typed: returns the job it started and the jobs it brought back. */
    public Change command(int line, String commandLine, String program) {
        List<Job> back = switch (program) {
            case "fg" -> one(argument(commandLine, "fg"));
            case "wait" -> {
                String arg = argument(commandLine, "wait");
                yield arg.startsWith("%") ? one(arg) : List.copyOf(order);
            }
            default -> program.startsWith("%") ? one(commandLine.strip().split("\\s+")[0]) : List.of();
        };
        for (Job j : back) {
            pending.remove(j.number());
            order.remove(j);
        }
        Job started = null;
        if (background(commandLine)) {
            int n = pending.isEmpty() ? 1 : pending.lastKey() + 1;
            started = new Job(n, commandLine, program, line);
            pending.put(n, started);
            order.add(started);
        }
        return new Change(started, back);
    }

    /** The words after the builtin, or "" ({@code sudo fg} does not exist: the builtin is the first word). */
    private static String argument(String commandLine, String builtin) {
        String s = commandLine.strip();
        return s.startsWith(builtin) ? s.substring(builtin.length()).strip() : "";
    }

    /** The job a job spec names: none or {@code %+ %%} the current one, {@code %-} the one before, {@code %N} or {@code N}, {@code %name}, {@code %?text}. */
    private List<Job> one(String spec) {
        if (order.isEmpty()) {
            return List.of();
        }
        String s = spec.isEmpty() ? "%+" : spec.split("\\s+")[0];
        String body = s.startsWith("%") ? s.substring(1) : s;
        Job j;
        if (body.isEmpty() || body.equals("+") || body.equals("%")) {
            j = order.getLast();
        } else if (body.equals("-")) {
            j = order.size() >= 2 ? order.get(order.size() - 2) : null;
        } else if (body.chars().allMatch(Character::isDigit) && body.length() < 9) {
            j = pending.get(Integer.parseInt(body));
        } else if (body.startsWith("?")) {
            j = order.stream().filter(x -> x.commandLine().contains(body.substring(1))).reduce((a, b) -> b).orElse(null);
        } else {
            j = order.stream().filter(x -> x.commandLine().startsWith(body)).reduce((a, b) -> b).orElse(null);
        }
        return j == null ? List.of() : List.of(j);
    }
}
