package io.virtblk.shell.capture;

import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The kernel log of the capture's window, read from {@code /dev/kmsg} as it is written (a
 * {@code dmesg} afterwards would miss what the ring buffer dropped on a long, noisy run) and
 * kept as {@code dmesg} prints it: {@code [  seconds.micros] message}, on the printk clock.
 *
 * <p>The window is bounded by two lines the capture writes itself, so no clock comparison is
 * needed to cut it: from its start line through its end line. Lines the kernel dropped
 * before they were read are counted ({@code /dev/kmsg} says so with EPIPE).
 */
final class KernelLog implements Runnable {

    private final Path kmsg;
    private final Path out;
    private final String token;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    /** A line's text (after the token) to its stamp in microseconds: how the clock probe reads the printk time of its lines. */
    private final Map<String, Long> stamps = new ConcurrentHashMap<>();
    private volatile long lines;
    private volatile long lost;
    private volatile long firstMicros = -1;
    private volatile long lastMicros = -1;
    private volatile IOException failure;

    KernelLog(Path kmsg, Path out) {
        this.kmsg = kmsg;
        this.out = out;
        this.token = "virtblk-shell capture " + ProcessHandle.current().pid() + "." + Long.toHexString(System.nanoTime()) + ": ";
    }

    /** Starts reading in the background; returns once the reader has opened the log. */
    void start() throws IOException {
        Thread t = new Thread(this, "capture-kmsg");
        t.setDaemon(true); // a read of /dev/kmsg blocks until a line comes; the end line is what stops it
        t.start();
        try {
            if (!started.await(5, TimeUnit.SECONDS)) {
                throw new IOException("cannot read " + kmsg + " (no answer in 5 s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Writes a line of ours into the kernel log; {@code text} must be unique within the capture. */
    void write(String text) throws IOException {
        Files.writeString(kmsg, token + text + "\n", StandardCharsets.UTF_8);
    }

    /** The printk stamp of our line {@code text}, in microseconds, once read (waits up to 2 s); -1 when it never came. */
    long stampOf(String text) {
        for (int i = 0; i < 200; i++) {
            Long v = stamps.get(text);
            if (v != null) {
                return v;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    /** Writes the end line and waits until the reader has written it; false when it did not come in time. */
    boolean end(long timeoutMillis) {
        try {
            write("end");
            return ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long lines() {
        return lines;
    }

    long lost() {
        return lost;
    }

    /** Stamp of the window's first and last line, seconds on the printk clock; NaN before them. */
    double firstSeconds() {
        return firstMicros < 0 ? Double.NaN : firstMicros / 1e6;
    }

    double lastSeconds() {
        return lastMicros < 0 ? Double.NaN : lastMicros / 1e6;
    }

    @Override
    public void run() {
        byte[] buf = new byte[16 * 1024]; // a record is at most 8 KiB; a smaller read is refused (EINVAL)
        boolean inWindow = false;
        long lastSeq = -1;
        int failures = 0;
        try (InputStream in = new FileInputStream(kmsg.toFile());
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            started.countDown();
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                    failures = 0;
                } catch (IOException e) {
                    // EPIPE: records were overwritten before this reader got them; the next read goes on (the gap in the
                    // sequence numbers counts them). Anything else that keeps failing ends the reading, said as incomplete.
                    if (++failures > 100) {
                        throw e;
                    }
                    continue;
                }
                if (n < 0) {
                    break;
                }
                Record r = Record.parse(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (r == null) {
                    continue;
                }
                boolean ours = r.text().startsWith(token);
                if (!inWindow) {
                    if (!ours || !r.text().endsWith("start")) {
                        continue; // before the capture: older lines the ring still holds
                    }
                    inWindow = true;
                    firstMicros = r.micros();
                }
                if (lastSeq >= 0 && r.seq() > lastSeq + 1) {
                    lost += r.seq() - lastSeq - 1;
                }
                lastSeq = r.seq();
                if (ours) {
                    stamps.put(r.text().substring(token.length()), r.micros());
                }
                w.write(String.format("[%5d.%06d] %s%n", r.micros() / 1_000_000, r.micros() % 1_000_000, r.text()));
                lines++;
                lastMicros = r.micros();
                w.flush(); // the bundle is readable while the capture runs (and after a kill -9)
                if (ours && r.text().endsWith(": end")) {
                    w.flush();
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
            started.countDown();
        } finally {
            ended.countDown();
        }
    }

    /** One {@code /dev/kmsg} record: {@code PRIO,SEQ,MICROS,FLAGS[,...];TEXT} then continuation lines. */
    record Record(long seq, long micros, String text) {

        static Record parse(String raw) {
            int semi = raw.indexOf(';');
            if (semi < 0) {
                return null;
            }
            String[] head = raw.substring(0, semi).split(",");
            if (head.length < 3) {
                return null;
            }
            long seq;
            long micros;
            try {
                seq = Long.parseLong(head[1]);
                micros = Long.parseLong(head[2]);
            } catch (NumberFormatException e) {
                return null;
            }
            int nl = raw.indexOf('\n', semi);
            String text = raw.substring(semi + 1, nl < 0 ? raw.length() : nl);
            return new Record(seq, micros, unescape(text));
        }

        /**
         * /dev/kmsg writes every byte that is not printable ASCII as {@code \\xNN}, the bytes of a UTF-8
         * character too; they are put back together and decoded as UTF-8. A control character becomes a
         * blank: a line break inside a message would split one record into two log lines.
         */
        static String unescape(String s) {
            if (s.indexOf("\\x") < 0) {
                return s;
            }
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x' && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
                    int v = Integer.parseInt(s.substring(i + 2, i + 4), 16);
                    b.write(v < 0x20 || v == 0x7F ? ' ' : v);
                    i += 3;
                } else {
                    byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    b.write(bytes, 0, bytes.length);
                }
            }
            return b.toString(StandardCharsets.UTF_8);
        }

        private static boolean isHex(char c) {
            return Character.digit(c, 16) >= 0;
        }
    }
}
