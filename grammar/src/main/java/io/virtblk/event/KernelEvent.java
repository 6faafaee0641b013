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
     * A kernel watchdog or crash report: its first line, with the call-trace frames that follow it.
     * {@code at} spans from the report's line to its last frame.
     */
    record Report(Origin at, String raw, KernelPrefix prefix, String message, ReportKind kind, String title,
                  String task, Integer pid, Integer cpu, Double seconds, List<Frame> frames) implements KernelEvent {
        @Override
        public String type() {
            return kind.type();
        }

        public Report withFrames(List<Frame> more, int lastLine) {
            return new Report(at.through(lastLine), raw, prefix, message, kind, title, task, pid, cpu, seconds, List.copyOf(more));
        }
    }

    /** One line of a call trace; {@code uncertain} is the kernel's {@code ?} mark. */
    record Frame(int line, String function, String offset, String module, String sourceLine, boolean uncertain) {
    }

    enum ReportKind {
        HUNG_TASK("hung_task"),
        SOFT_LOCKUP("soft_lockup"),
        HARD_LOCKUP("hard_lockup"),
        RCU_STALL("rcu_stall"),
        BUG("bug"),
        OOPS("oops"),
        WARNING("warning"),
        GENERAL_PROTECTION_FAULT("gpf"),
        PANIC("panic");

        private final String type;

        ReportKind(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }

        /** Watchdogs say the machine stopped making progress; the others say something broke. */
        public boolean isStall() {
            return this == HUNG_TASK || this == SOFT_LOCKUP || this == HARD_LOCKUP || this == RCU_STALL;
        }
    }
}
