package io.virtblk.shell.capture;

import io.virtblk.load.CaptureBundle;
import io.virtblk.shell.command.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One capture, from the checks to the bundle. The order matters for the one clock and for
 * putting things back: the kernel log is read from before anything changes (its first line is
 * ours), the trace clock is measured against it, tracing starts before the command and stops
 * after it, and {@link #finish} — reached by the command's end, by a failure or by a signal's
 * shutdown hook, whichever comes first — stops everything, restores every setting and writes
 * {@code capture.json} exactly once.
 */
public final class Capture {

    /** Exit code when the capture itself could not be made or could not put a setting back. */
    public static final int FAILED = 1;

    private final Host host;
    private final CaptureOptions options;
    private final PrintWriter err;
    private final PrintStream terminalOut;
    private final PrintStream terminalErr;
    private final boolean terminal;
    private final Changes changes = new Changes();

    private Preflight.Plan plan;
    private KernelLog kernelLog;
    private TraceInstance instance;
    private TraceDrain drain;
    private StatusLine status;
    private Process command;
    private List<ClockProbe.Measured> clocks = List.of();
    private String clock;
    private OffsetDateTime started;
    private Integer exitCode;
    private String failure;
    private boolean finished;
    /** Tracepoints recorded for every device though devices were named: they carry no device. */
    private final List<String> unfiltered = new ArrayList<>();
    /** Set by the shutdown hook: a signal (Ctrl-C, SIGTERM, SIGHUP) ends the capture. */
    private volatile boolean signalled;
    /** finish()'s answer, kept for a second call. */
    private boolean complete;
    private Thread hook;

    Capture(Host host, CaptureOptions options, PrintWriter err, PrintStream terminalOut, PrintStream terminalErr, boolean terminal) {
        this.host = host;
        this.options = options;
        this.err = err;
        this.terminalOut = terminalOut;
        this.terminalErr = terminalErr;
        this.terminal = terminal;
    }

    /** {@code virtblk-shell capture ARGS}: the command's exit code, 1 when the capture failed, 2 on a usage error. */
    public static int run(String[] args, PrintWriter err, boolean terminal) {
        CaptureOptions options;
        try {
            options = CaptureOptions.parse(args);
        } catch (io.virtblk.shell.command.UsageException e) {
            err.println(e.getMessage());
            return 2;
        }
        return new Capture(Host.local(), options, err, System.out, System.err, terminal).run();
    }

    int run() {
        try {
            plan = Preflight.check(host, options);
        } catch (Preflight.Refused r) {
            err.println("capture: cannot start, nothing was changed:");
            r.problems().forEach(p -> err.println("  - " + p));
            return FAILED;
        }
        plan.notes().forEach(n -> err.println("capture: " + n));
        hook = new Thread(() -> {
            signalled = true;
            finish();
        }, "capture-restore");
        Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C and SIGTERM put the settings back too
        try {
            // under the lock: a signal's finish() waits until every change begun is written down, then undoes them all
            synchronized (this) {
                prepare();
            }
            runCommand();
        } catch (IOException | Preflight.Refused | RuntimeException e) {
            synchronized (this) {
                failure = e instanceof Preflight.Refused r ? String.join("; ", r.problems()) : String.valueOf(e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                failure = "interrupted";
            }
        }
        boolean complete = finish();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook has run finish() (a no-op now)
        }
        if (failure != null) {
            err.println("capture: failed: " + failure);
            return FAILED;
        }
        return complete && exitCode != null ? exitCode : FAILED;
    }

    private void prepare() throws IOException, Preflight.Refused {
        Files.createDirectories(options.out());
        started = OffsetDateTime.now();
        kernelLog = new KernelLog(host.kmsg(), options.out().resolve(CaptureBundle.KERNEL_LOG));
        kernelLog.start();
        kernelLog.write("start");
        if (plan.mountTracefs()) {
            ProcessBuilder pb = new ProcessBuilder("mount", "-t", "tracefs", "tracefs", host.tracing().toString()).inheritIO();
            runTool(pb, "mount tracefs at " + host.tracing());
            changes.made("tracefs mounted at " + host.tracing(), "unmounted", "mounted",
                    () -> runTool(new ProcessBuilder("umount", host.tracing().toString()).inheritIO(), "umount " + host.tracing()));
            plan = Preflight.withEvents(host, options, plan);
        }
        instance = TraceInstance.create(host, changes);
        clocks = ClockProbe.measure(instance, kernelLog);
        clock = ClockProbe.choose(clocks);
        if (clocks.stream().noneMatch(ClockProbe.Measured::measured)) {
            err.println("capture: no trace clock could be measured against the kernel log; using " + clock
                    + ", whose stamps may be off the log's by milliseconds");
        }
        instance.clock(clock);
        String filter = plan.filter();
        for (String e : plan.events()) {
            String[] se = e.split("/", 2);
            if (!instance.enable(se[0], se[1], filter) && filter != null) {
                unfiltered.add(e);
            }
        }
        if (!unfiltered.isEmpty()) {
            err.println("capture: recorded for every device (they name none): " + String.join(", ", unfiltered));
        }
        if (options.hungTaskTimeout() != null) {
            changes.set("kernel.hung_task_timeout_secs", host.hungTaskTimeout(), options.hungTaskTimeout().toString());
            // each report the lower timeout brings spends one of the detector's warnings: they are given back after;
            // a detector that has spent them all stays silent, so it gets some for the run
            if (Files.isWritable(host.hungTaskWarnings())) {
                changes.set("kernel.hung_task_warnings", host.hungTaskWarnings(), left -> left.equals("0") ? "10" : left);
            }
        }
        drain = new TraceDrain(instance, options.out().resolve(CaptureBundle.TRACE));
        drain.start();
        instance.on(true);
        instance.mark("virtblk-shell capture: tracing on");
        kernelLog.write("tracing on, trace clock " + clock + ", events " + String.join(" ", plan.events())
                + (filter == null ? "" : ", filter " + filter));
    }

    private void runCommand() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(options.command()).redirectInput(ProcessBuilder.Redirect.INHERIT);
        Process p;
        synchronized (this) {
            if (finished) {
                return; // a signal came while preparing
            }
            p = pb.start();
            command = p;
        }
        kernelLog.write("command started, pid " + p.pid() + ": " + String.join(" ", options.command()));
        StatusLine line = new StatusLine(host, instance, plan.devices(), terminalErr, terminal);
        Tee out = new Tee(p.getInputStream(), options.out().resolve(CaptureBundle.STDOUT), terminalOut, line::clear, "capture-stdout");
        Tee errs = new Tee(p.getErrorStream(), options.out().resolve(CaptureBundle.STDERR), terminalErr, line::clear, "capture-stderr");
        out.start();
        errs.start();
        synchronized (this) {
            status = line;
        }
        line.start();
        int code = p.waitFor();
        out.join(5000);
        errs.join(5000);
        synchronized (this) {
            exitCode = code;
            if (!finished) { // after a signal the log is closed: our end line is its last
                kernelLog.write("command exited, status " + code);
            }
        }
    }

    /**
     * Stops the command if it still runs, stops tracing, drains the buffer, reads the kernel log
     * to our end line, puts every setting back and writes {@code capture.json}. Once only.
     *
     * @return true when every setting was put back and nothing else failed (the trace, the log, the manifest)
     */
    synchronized boolean finish() {
        if (finished) {
            return complete;
        }
        finished = true;
        boolean commandRunning = command != null && command.isAlive();
        if (status != null) {
            status.finish();
        }
        List<String> steps = new ArrayList<>();
        if (commandRunning) {
            // asked to stop: the command's last I/O is traced if it ends soon; one stuck in D state does not hold the restore
            askToStop(command);
            waitFor(command, 2);
        }
        long appended = 0;
        TraceInstance.Counts counts = new TraceInstance.Counts(0, 0, 0);
        if (instance != null) {
            try {
                if (drain != null && !drain.alive()) {
                    steps.add("the trace reader (cat " + instance.pipe() + ") ended before the capture: " + CaptureBundle.TRACE
                            + " may miss events from then on");
                }
                instance.mark("virtblk-shell capture: tracing off");
                instance.on(false);
                if (drain != null) {
                    appended = drain.finish();
                }
                counts = instance.counts();
            } catch (IOException e) {
                steps.add("stopping the trace: " + e.getMessage());
                if (drain != null) {
                    drain.abandon();
                }
            }
        }
        boolean logEnded = kernelLog == null || kernelLog.end(3000);
        if (!logEnded) {
            steps.add("the kernel log's end line did not come back within 3 s: " + CaptureBundle.KERNEL_LOG + " may miss its last lines");
        }
        List<String> notRestored = changes.restore();
        if (commandRunning && command.isAlive()) {
            err.println("capture: waiting for " + options.command().get(0) + " (pid " + command.pid() + ") to end; settings are restored already");
            err.flush();
            if (!waitFor(command, 10)) {
                command.destroyForcibly();
                command.descendants().forEach(ProcessHandle::destroyForcibly);
                waitFor(command, 5);
            }
        }
        OffsetDateTime ended = OffsetDateTime.now();
        if (kernelLog != null && options.out() != null && Files.isDirectory(options.out())) {
            try {
                Map<String, Object> manifest = manifest(commandRunning, counts, appended, logEnded, steps, ended);
                Files.writeString(options.out().resolve(CaptureBundle.MANIFEST), Json.write(manifest) + "\n");
            } catch (IOException | RuntimeException e) {
                steps.add("writing " + CaptureBundle.MANIFEST + ": " + e.getMessage());
            }
        }
        for (String s : notRestored) {
            err.println("capture: NOT RESTORED: " + s);
        }
        for (String s : steps) {
            err.println("capture: " + s);
        }
        if (kernelLog != null) {
            err.printf("capture: bundle in %s: %s (%,d events, %,d lost), %s (%,d lines%s), %s, %s; %s%n", options.out(), CaptureBundle.TRACE,
                    counts.drained() + appended, counts.lost(), CaptureBundle.KERNEL_LOG, kernelLog.lines(),
                    kernelLog.lost() > 0 ? ", " + kernelLog.lost() + " lost" : "", CaptureBundle.STDOUT, CaptureBundle.STDERR,
                    notRestored.isEmpty() ? "every setting restored" : notRestored.size() + " setting(s) NOT restored (above)");
            err.println("capture: diagnose it with: ./virtblk-shell check " + options.out());
        }
        err.flush();
        complete = notRestored.isEmpty() && steps.isEmpty();
        return complete;
    }

    /** SIGTERM to the command first (fio stops its jobs itself), to the rest of its tree a moment later. */
    private static void askToStop(Process p) {
        p.destroy();
        if (!waitFor(p, 1)) {
            p.descendants().forEach(ProcessHandle::destroy);
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private Map<String, Object> manifest(boolean commandStopped, TraceInstance.Counts counts, long appended, boolean logEnded,
            List<String> problems, OffsetDateTime ended) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", CaptureBundle.FORMAT);
        m.put("command", options.command());
        m.put("exit_code", exitCode);
        m.put("stopped_by_signal", signalled);
        m.put("command_stopped_by_capture", commandStopped);
        if (failure != null) {
            m.put("failure", failure);
        }
        List<Map<String, Object>> devices = new ArrayList<>();
        for (BlockDevice d : plan.devices()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("name", d.name());
            dm.put("device", d.number());
            devices.add(dm);
        }
        m.put("devices", devices);
        if (!plan.notes().isEmpty()) {
            m.put("devices_added", plan.notes());
        }
        m.put("all_devices", plan.devices().isEmpty());
        m.put("kernel", kernelRelease());
        m.put("host", hostName());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("trace_clock", clock);
        c.put("trace_clock_measured", clocks.stream().anyMatch(ClockProbe.Measured::measured));
        c.put("kernel_log_clock", "printk (local_clock)");
        List<Map<String, Object>> measured = new ArrayList<>();
        for (ClockProbe.Measured x : clocks) {
            Map<String, Object> xm = new LinkedHashMap<>();
            xm.put("clock", x.clock());
            xm.put("offset_seconds", x.measured() ? x.offsetSeconds() : null);
            xm.put("uncertainty_seconds", x.measured() ? x.uncertaintySeconds() : null);
            measured.add(xm);
        }
        c.put("measured", measured);
        m.put("clocks", c);
        m.put("start", Map.of("wall", String.valueOf(started), "kernel_seconds", kernelLog.firstSeconds()));
        m.put("end", Map.of("wall", ended.toString(), "kernel_seconds", kernelLog.lastSeconds()));
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("tracepoints", plan.events());
        ev.put("not_in_this_kernel", plan.skipped());
        ev.put("filter", plan.filter());
        ev.put("unfiltered", unfiltered);
        ev.put("buffer_kb_per_cpu", instance == null ? null : instance.bufferKb());
        ev.put("written", counts.drained() + appended);
        ev.put("lost", counts.lost());
        m.put("events", ev);
        m.put("kernel_log", Map.of("lines", kernelLog.lines(), "lost", kernelLog.lost(), "complete", logEnded));
        m.put("hung_task_timeout_secs", options.hungTaskTimeout());
        m.put("settings", changes.report());
        if (!problems.isEmpty()) {
            m.put("problems", problems);
        }
        m.put("files", CaptureBundle.files());
        return m;
    }

    private String kernelRelease() {
        try {
            return Host.read(host.sysKernel().resolve("osrelease"));
        } catch (IOException e) {
            return null;
        }
    }

    private String hostName() {
        try {
            return Host.read(host.sysKernel().resolve("hostname"));
        } catch (IOException e) {
            return null;
        }
    }

    private static void runTool(ProcessBuilder pb, String what) throws IOException {
        try {
            int rc = pb.start().waitFor();
            if (rc != 0) {
                throw new IOException(what + ": exit status " + rc);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + ": interrupted");
        }
    }
}
