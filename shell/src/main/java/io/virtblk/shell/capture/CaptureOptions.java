package io.virtblk.shell.capture;

import io.virtblk.shell.command.UsageException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code capture [--device DEV]... [--out DIR] [--hung-task-timeout S] [--events LIST] -- COMMAND [ARGS...]}.
 *
 * @param devices         as the user named them ({@code /dev/loop0}, {@code loop0}, {@code 7:0}); empty: every block device
 * @param out             the bundle folder; it must not exist or be empty
 * @param hungTaskTimeout seconds for {@code hung_task_timeout_secs} during the run, or null to leave it
 * @param events          tracepoints to record; {@code block_rq_issue} means {@code block:block_rq_issue}
 * @param command         what to run, with its arguments
 */
public record CaptureOptions(List<String> devices, Path out, Integer hungTaskTimeout, List<String> events, List<String> command) {

    /** The block layer's request lifecycle, as the pairing reads it; the ones a kernel lacks are left out by default. */
    public static final List<String> DEFAULT_EVENTS = List.of("block_bio_queue", "block_getrq", "block_rq_insert", "block_rq_issue",
            "block_rq_complete", "block_rq_requeue", "block_rq_error", "block_rq_merge", "block_bio_backmerge", "block_bio_frontmerge",
            "block_split");

    public static final String SYNOPSIS = "capture [--device DEV]... [--out DIR] [--hung-task-timeout S] [--events LIST] -- COMMAND [ARGS...]";

    /** True when {@code --events} was not given: the defaults a kernel lacks are skipped, not refused. */
    public boolean defaultEvents() {
        return events == DEFAULT_EVENTS;
    }

    public static CaptureOptions parse(String[] args) {
        List<String> devices = new ArrayList<>();
        Path out = null;
        Integer hung = null;
        List<String> events = DEFAULT_EVENTS;
        List<String> command = new ArrayList<>();
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            switch (a) {
                case "--device" -> devices.add(value(args, i++, "a block device, e.g. --device /dev/loop0"));
                case "--out" -> out = Path.of(value(args, i++, "a folder for the bundle, e.g. --out /var/tmp/case1"));
                case "--hung-task-timeout" -> {
                    String v = value(args, i++, "seconds, e.g. --hung-task-timeout 10");
                    try {
                        hung = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        hung = -1;
                    }
                    if (hung < 1 || hung > 86_400) {
                        throw new UsageException("capture: --hung-task-timeout needs whole seconds from 1 to 86400, not '" + v + "'");
                    }
                }
                case "--events" -> {
                    String v = value(args, i++, "tracepoints, e.g. --events block_rq_issue,block_rq_complete");
                    events = new ArrayList<>();
                    for (String e : v.split(",")) {
                        if (!e.isBlank()) {
                            events.add(e.strip());
                        }
                    }
                    if (events.isEmpty()) {
                        throw new UsageException("capture: --events needs at least one tracepoint");
                    }
                    events = List.copyOf(events);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("capture: unknown option: " + a + "; use --device, --out, --hung-task-timeout, --events, "
                                + "then -- and the command\nusage: virtblk-shell " + SYNOPSIS);
                    }
                    // the command may follow without '--' when it does not start with '-'
                    command.add(a);
                    for (i++; i < args.length; i++) {
                        command.add(args[i]);
                    }
                }
            }
        }
        for (; i < args.length; i++) {
            command.add(args[i]);
        }
        if (command.isEmpty()) {
            throw new UsageException("capture: name the command to run after --, e.g. capture --device /dev/loop0 -- fio job.fio\n"
                    + "usage: virtblk-shell " + SYNOPSIS);
        }
        if (out == null) {
            out = Path.of("capture-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return new CaptureOptions(List.copyOf(devices), out, hung, events, List.copyOf(command));
    }

    private static String value(String[] args, int i, String what) {
        if (i + 1 >= args.length) {
            throw new UsageException("capture: " + args[i] + " needs " + what);
        }
        return args[i + 1];
    }
}
