package io.virtblk.event;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What a kernel log line says before its message.
 *
 * @param format    the shape the line was written in
 * @param wallClock local wall-clock time when the format has it (syslog's has no year: the
 *                  reader supplies one), else null
 * @param offset    UTC offset when the format states it (RFC 3339, short-iso), else null
 * @param mono      kernel monotonic seconds ({@code [67315.455932]}) when present, else null
 * @param host      host name when present, else null
 * @param tag       syslog tag ({@code kernel}) when present, else null
 * @param priority  {@code <N>} console priority when present, else null
 * @param caller    {@code C3} / {@code T16632} caller id when present, else null
 */
public record KernelPrefix(
        KernelFormat format,
        LocalDateTime wallClock,
        ZoneOffset offset,
        Double mono,
        String host,
        String tag,
        Integer priority,
        String caller) {

    public static final KernelPrefix NONE = new KernelPrefix(KernelFormat.CONSOLE, null, null, null, null, null, null, null);

    /** True when the line is from the kernel (tag {@code kernel} or no tag at all). */
    public boolean isKernel() {
        return tag == null || tag.equals("kernel");
    }
}
