package io.virtblk.shell.capture;

import java.io.PrintStream;
import java.util.List;

/**
 * While the command runs: elapsed time, trace events recorded and lost, and each device's
 * requests in flight (from {@code /sys/class/block/NAME/inflight}, the kernel's own count). On a
 * terminal one line redrawn every second; otherwise a line every ten seconds for the log.
 */
final class StatusLine extends Thread {

    private final Host host;
    private final TraceInstance instance;
    private final List<BlockDevice> devices;
    private final PrintStream to;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private volatile boolean stop;
    /** A status is on the terminal's last line (not yet ended by a line break). */
    private boolean drawn;

    StatusLine(Host host, TraceInstance instance, List<BlockDevice> devices, PrintStream to, boolean terminal) {
        super("capture-status");
        setDaemon(true);
        this.host = host;
        this.instance = instance;
        this.devices = devices;
        this.to = to;
        this.terminal = terminal;
    }

    String line() {
        TraceInstance.Counts c = instance.counts();
        StringBuilder b = new StringBuilder("capture: ");
        b.append(String.format("%.0f s", (System.nanoTime() - startNanos) / 1e9));
        b.append(", ").append(c.recorded()).append(" events, ").append(c.lost()).append(" lost");
        if (devices.isEmpty()) {
            // every device recorded: the disks that hold requests now (a partition's are its disk's)
            for (BlockDevice d : BlockDevice.all(host)) {
                int n = d.inFlight(host);
                if (n > 0 && !d.isPartition(host)) {
                    b.append(", ").append(d.name()).append(' ').append(n).append(" in flight");
                }
            }
        }
        for (BlockDevice d : devices) {
            int n = d.inFlight(host);
            b.append(", ").append(d.name()).append(' ').append(n < 0 ? "?" : Integer.toString(n)).append(" in flight");
        }
        return b.toString();
    }

    void finish() {
        stop = true;
        interrupt();
        try {
            join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clear();
    }

    /** Takes the status off the terminal's line, so the command's output that comes next starts a clean one. */
    void clear() {
        synchronized (to) {
            if (drawn) {
                to.print("\r\033[K");
                to.flush();
                drawn = false;
            }
        }
    }

    @Override
    public void run() {
        long every = terminal ? 1000 : 10_000;
        while (!stop) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            if (stop) {
                return;
            }
            synchronized (to) {
                to.print(terminal ? "\r\033[K" + line() : line() + "\n");
                to.flush();
                drawn = terminal;
            }
        }
    }
}
