package io.virtblk.shell.capture;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the capture checks before it changes anything: root, tracefs, the block tracepoints, the
 * devices, the hung-task detector when asked for, the kernel log, the bundle folder and the
 * command. Every problem is found and said at once, each with what to do; one problem means
 * nothing is changed.
 */
final class Preflight {

    /**
     * What the checks found, ready to record.
     *
     * @param devices       resolved; empty means every block device
     * @param mountTracefs  tracefs must be mounted first (and unmounted after)
     * @param events        {@code system/event} to enable
     * @param skipped       default tracepoints this kernel lacks
     * @param notes         devices recorded beside those named, and why
     */
    record Plan(List<BlockDevice> devices, boolean mountTracefs, List<String> events, List<String> skipped, List<String> notes) {

        Plan(List<BlockDevice> devices, boolean mountTracefs, List<String> events, List<String> skipped) {
            this(devices, mountTracefs, events, skipped, List.of());
        }

        /** The tracepoints' filter for the devices ({@code dev == 7340032 || ...}); null for every device. */
        String filter() {
            if (devices.isEmpty()) {
                return null;
            }
            return String.join(" || ", devices.stream().map(d -> "dev == " + d.devT()).toList());
        }
    }

    /** The checks failed; {@link #problems()} says each, with what to do. */
    static final class Refused extends Exception {
        private final List<String> problems;

        Refused(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    private Preflight() {
    }

    static Plan check(Host host, CaptureOptions options) throws Refused {
        List<String> problems = new ArrayList<>();
        host.uid().ifPresentOrElse(uid -> {
            if (uid != 0) {
                problems.add("must run as root (it makes an ftrace instance, reads /dev/kmsg and may change the hung-task timeout); "
                        + "run it with sudo");
            }
        }, () -> problems.add("cannot tell which user this is (no " + host.proc().resolve("self/status") + ")"));
        boolean mount = false;
        if (!host.tracefsMounted()) {
            if (host.tracefsMountable()) {
                mount = true;
            } else {
                problems.add("tracefs is not mounted at " + host.tracing() + " and cannot be mounted there"
                        + " (the kernel lists no tracefs in " + host.proc().resolve("filesystems") + ": it needs CONFIG_FTRACE)");
            }
        }
        List<BlockDevice> devices = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String d : options.devices()) {
            try {
                for (var e : BlockDevice.recorded(host, BlockDevice.resolve(host, d)).entrySet()) {
                    if (!devices.contains(e.getKey())) {
                        devices.add(e.getKey());
                        if (e.getValue() != null) {
                            notes.add("recording " + e.getKey().name() + " (" + e.getKey().number() + "): " + e.getValue());
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add("--device " + d + ": " + e.getMessage());
            }
        }
        if (options.hungTaskTimeout() != null && !Files.isWritable(host.hungTaskTimeout())) {
            problems.add("--hung-task-timeout: " + host.hungTaskTimeout() + " is missing or read-only (the kernel needs CONFIG_DETECT_HUNG_TASK)");
        }
        if (!Files.isReadable(host.kmsg())) {
            problems.add("cannot read the kernel log at " + host.kmsg());
        }
        Path out = options.out();
        if (Files.exists(out) && !(Files.isDirectory(out) && empty(out))) {
            problems.add("--out " + out + " exists and is not an empty folder; name a new one (the bundle is never mixed with other files)");
        } else if (!Files.exists(out) && !writableParent(out)) {
            problems.add("--out " + out + ": cannot make it (" + parent(out) + " is not a writable folder)");
        }
        String program = options.command().get(0);
        if (!executable(program)) {
            problems.add("the command '" + program + "' is not " + (program.contains("/") ? "an executable file" : "on the PATH")
                    + (program.equals("fio") ? " (install fio: apt-get install fio)" : ""));
        }
        Plan plan = new Plan(List.copyOf(devices), mount, List.of(), List.of(), List.copyOf(notes));
        // the tracepoints can only be looked for in a mounted tracefs; mounting it to look would be a change
        if (!mount && host.tracefsMounted()) {
            plan = withEvents(host, options, plan, problems);
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return plan;
    }

    /** After mounting tracefs: the tracepoints it has, as {@link #check} would have found them. */
    static Plan withEvents(Host host, CaptureOptions options, Plan plan) throws Refused {
        List<String> problems = new ArrayList<>();
        Plan p = withEvents(host, options, plan, problems);
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return p;
    }

    /** {@code plan} with the tracepoints to enable; a named one the kernel lacks is a problem, a default one is skipped. */
    private static Plan withEvents(Host host, CaptureOptions options, Plan plan, List<String> problems) {
        List<String> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String e : options.events()) {
            String path = e.contains(":") ? e.replace(':', '/') : "block/" + e;
            if (Files.isDirectory(host.tracing().resolve("events").resolve(path))) {
                events.add(path);
            } else if (options.defaultEvents()) {
                skipped.add(e);
            } else {
                problems.add("--events " + e + ": this kernel has no such tracepoint (the block ones are listed in "
                        + host.tracing().resolve("events/block") + ")");
            }
        }
        if (events.isEmpty() && problems.isEmpty()) {
            problems.add("this kernel has no block tracepoints in " + host.tracing().resolve("events/block")
                    + " (it needs CONFIG_EVENT_TRACING)");
        }
        return new Plan(plan.devices(), plan.mountTracefs(), List.copyOf(events), List.copyOf(skipped), plan.notes());
    }

    private static boolean empty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static Path parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? p.toAbsolutePath() : parent;
    }

    private static boolean writableParent(Path out) {
        Path p = parent(out);
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isDirectory(p) && Files.isWritable(p);
    }

    /** {@code program} runs as given: an executable file when it names a path, else one on the PATH. */
    static boolean executable(String program) {
        if (program.contains("/")) {
            return Files.isRegularFile(Path.of(program)) && Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }
}
