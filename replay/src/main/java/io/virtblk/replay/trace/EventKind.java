package io.virtblk.replay.trace;

import io.virtblk.event.Event;
import io.virtblk.event.FioEvent;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.TranscriptEvent;
import java.util.Locale;

/**
 * The kinds of event replay reads, and nothing else: the device's lines, the modules' comings and
 * goings, fio's output, the transcript and the kernel's reports. A trace source names each event
 * by one of these, so no stage hands replay a type name to compare as a string.
 */
public enum EventKind {
    ENGAGE, RELEASE, IOCTL, IOCTL_SYMBOL, TRANSFER, MODULE_REGISTERED, MODULE_REMOVED,
    COMMAND, SECTION, ANNOTATION, INTERRUPT, FIO_JOB, FIO_VERSION, FIO_RESULT, FIO_NOTICE, FIO_DISK, REPORT,
    /** A block request's arrival at its device, which the generic queue model steps on; made by it, not read from a trace. */
    REQUEST;

    /** True for the events a device model steps on: a driver's engage, release, ioctl, ioctl symbol and transfer lines; a block request. */
    public boolean device() {
        return switch (this) {
            case ENGAGE, RELEASE, IOCTL, IOCTL_SYMBOL, TRANSFER, REQUEST -> true;
            default -> false;
        };
    }

    /**
     * True when replay reads the whole event, not only its line, clocks and ioctl name (fio's
     * results and notices, the transcript, the kernel's reports). A big log's device lines are
     * millions, and a trace holds none of them whole.
     */
    public boolean kept() {
        return ordinal() >= COMMAND.ordinal();
    }

    /**
     * True for the kinds a trace source reads from the events of a source; a request's arrival is
     * made from the requests by the queue model that steps on it, and no driver's trace holds one.
     */
    public boolean read() {
        return this != REQUEST;
    }

    /** The name users see for it: the event's {@link Event#type()}, as {@code events --type} and the store call it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of an event, or null when replay does not read such events. */
    public static EventKind of(Event e) {
        return switch (e) {
            case KernelEvent.Engage x -> ENGAGE;
            case KernelEvent.Release x -> RELEASE;
            case KernelEvent.IoctlCall x -> IOCTL;
            case KernelEvent.IoctlSymbol x -> IOCTL_SYMBOL;
            case KernelEvent.DataTransfer x -> TRANSFER;
            case KernelEvent.Module x -> x.registered() ? MODULE_REGISTERED : MODULE_REMOVED;
            case KernelEvent.Report x -> REPORT;
            case TranscriptEvent.Command x -> COMMAND;
            case TranscriptEvent.Section x -> SECTION;
            case TranscriptEvent.Annotation x -> ANNOTATION;
            case TranscriptEvent.Interrupt x -> INTERRUPT;
            case FioEvent.JobHeader x -> FIO_JOB;
            case FioEvent.Version x -> FIO_VERSION;
            case FioEvent.JobResult x -> FIO_RESULT;
            case FioEvent.Notice x -> FIO_NOTICE;
            case FioEvent.DiskStats x -> FIO_DISK;
            default -> null;
        };
    }
}
