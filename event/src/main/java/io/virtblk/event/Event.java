package io.virtblk.event;

/**
 * Everything a loaded input turns into. Each event keeps where it came from and its text as it
 * was written, so any answer can be shown exactly as the user's file had it.
 */
public sealed interface Event permits KernelEvent, FioEvent, TranscriptEvent, BlockEvent, BlockRequest, RawLine {

    Origin at();

    /** The input text of the event's line(s), line ends removed, lines joined by '\n'. */
    String raw();

    /** A short stable name used by {@code events --type} and, later, the store's {@code type} field. */
    String type();
}
