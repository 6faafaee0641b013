package io.virtblk.event;

/** The shapes of kernel log lines virtblk-shell reads. */
public enum KernelFormat {
    /** {@code Nov 11 04:25:30 host kernel: [67315.455932] msg} (rsyslog file, journalctl short/short-precise) */
    SYSLOG,
    /** {@code 2016-12-05T20:31:05-08:00 host kernel: [ 0.1283] msg} (RFC 3339, journalctl short-iso) */
    RFC3339,
    /** {@code [  612.551966] msg} (dmesg, console; journalctl short-monotonic when host and tag follow) */
    DMESG,
    /** {@code [Mon Feb 11 19:22:56 2019] msg} */
    DMESG_CTIME,
    /** no prefix at all (console output, syzkaller logs) */
    CONSOLE
}
