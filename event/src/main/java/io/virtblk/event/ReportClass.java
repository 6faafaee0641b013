package io.virtblk.event;

/**
 * What a kernel report means for the run it interrupts: the kernel stopped making progress
 * ({@link #HANG}), it crashed or killed the task ({@link #CRASH}), or it found a bug and went on
 * ({@link #BUG}: a warning, a lockdep or sanitizer report, a leak).
 */
public enum ReportClass {
    HANG, CRASH, BUG;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ReportClass of(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
}
