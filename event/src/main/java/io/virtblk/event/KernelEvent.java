package io.virtblk.event;

import java.util.List;

/**
 * A kernel log line, or a kernel report spanning several lines. Every one has its prefix
 * (time, host, format) and its message text.
 */
public sealed interface KernelEvent extends Event {

    KernelPrefix prefix();

    String message();

    /** Any kernel message without a more specific meaning; {@code subsystem} is its "usb 3-3:"-like lead. */
    record Message(Origin at, String raw, KernelPrefix prefix, String subsystem, String message) implements KernelEvent {
        @Override
        public String type() {
            return prefix.isKernel() ? "kernel" : "syslog";
        }
    }

    /** {@code Device engage: private_data: X}: the driver's open(). */
    record Engage(Origin at, String raw, KernelPrefix prefix, String message, String device, String privateData)
            implements KernelEvent {
        @Override
        public String type() {
            return "engage";
        }
    }

    /** {@code Device release: private_data: X}: the driver's release(). */
    record Release(Origin at, String raw, KernelPrefix prefix, String message, String device, String privateData)
            implements KernelEvent {
        @Override
        public String type() {
            return "release";
        }
    }

    /**
     * {@code ===> ioctl() call ID: 0x00001261 (dir: 0x0 | size: 0x000 | chr: 0x12 '' | func: 0x61) ===> arg: N}.
     * {@code ioctl} is decoded from the call ID; the logged dir/size/chr/func are checked against it
     * when the line is read, and a disagreement is a diagnostic.
     */
    record IoctlCall(Origin at, String raw, KernelPrefix prefix, String message, String device, Ioctl ioctl, String arg)
            implements KernelEvent {
        @Override
        public String type() {
            return "ioctl";
        }
    }

    /** {@code ===> GET_BLOCK}: the driver names the command it is handling. */
    record IoctlSymbol(Origin at, String raw, KernelPrefix prefix, String message, String device, String symbol)
            implements KernelEvent {
        @Override
        public String type() {
            return "ioctl_symbol";
        }
    }

    /** {@code ===> Data transfer dir: 0, i.e. read from device}. */
    record DataTransfer(Origin at, String raw, KernelPrefix prefix, String message, String device, int dir, String meaning)
            implements KernelEvent {
        @Override
        public String type() {
            return "transfer";
        }
    }

    /** The driver's module registered ({@code major} set) or removed. */
    record Module(Origin at, String raw, KernelPrefix prefix, String message, String device, boolean registered, Integer major)
            implements KernelEvent {
        @Override
        public String type() {
            return registered ? "module_registered" : "module_removed";
        }
    }

    /** Any other line of a known driver ({@code ===> 00: blkdev != NULL}, its banner). */
    record DriverNote(Origin at, String raw, KernelPrefix prefix, String message, String device, String text)
            implements KernelEvent {
        @Override
        public String type() {
            return "driver";
        }
    }

    /**
     * A kernel report (an oops, a BUG or WARNING, a sanitizer or lockdep report, a hung task, a
     * lockup or stall, a panic): one event from its first line through the end of its call trace
     * ({@code at} spans them), titled as syzkaller titles it.
     *
     * @param kind            the report kind's id in the table of kinds ({@code bug}, {@code info}, {@code oom}, ...)
     * @param title           kind and guilty frame, stable across runs: {@code INFO: task hung in blk_mq_get_tag}
     * @param altTitles       other titles that name the same bug
     * @param reportType      syzkaller's type word: HANG, WARNING, LOCKDEP, KASAN-READ, DoS, ...
     * @param guiltyFrame     the function the title names; null when the stack gave none
     * @param corrupted       the report is cut, interleaved with another or has no usable stack ({@code corruptedReason} says how)
     * @param panicked        the kernel panicked after it
     * @param task            the task it names ({@code fio}), with {@code pid}; {@code cpu} the CPU; null when not stated
     * @param seconds         how long a task was blocked or a CPU stuck, when stated
     * @param frames          the frames of its call traces, in order
     */
    record Report(Origin at, String raw, KernelPrefix prefix, String message, String kind, String title, List<String> altTitles,
                  String reportType, ReportClass reportClass, String guiltyFrame, boolean corrupted, String corruptedReason,
                  boolean panicked, String task, Integer pid, Integer cpu, Double seconds, List<Frame> frames) implements KernelEvent {
        @Override
        public String type() {
            return "report";
        }
    }

    /** One line of a call trace; {@code uncertain} is the kernel's {@code ?} mark. */
    record Frame(int line, String function, String offset, String module, String sourceLine, boolean uncertain) {
    }
}
