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
        if (terminal) {
            synchronized (to) {
                to.print("\r\033[K");
                to.flush();
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
            }
        }
    }
}
