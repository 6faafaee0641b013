package io.virtblk.event;

/** The structure of a session transcript: what the engineer ran and wrote down. */
public sealed interface TranscriptEvent extends Event {

    /** {@code # === Running ... ===} */
    record Section(Origin at, String raw, String title) implements TranscriptEvent {
        @Override
        public String type() {
            return "section";
        }
    }

    /** {@code $ sudo fio job.fio}: {@code program} is the command's first word after sudo/env. */
    record Command(Origin at, String raw, String commandLine, String program) implements TranscriptEvent {
        @Override
        public String type() {
            return "command";
        }
    }

    /** {@code ^C} as echoed by the terminal. */
    record Interrupt(Origin at, String raw) implements TranscriptEvent {
        @Override
        public String type() {
            return "interrupt";
        }
    }

    /** An operator's {@code <==} note. */
    record Annotation(Origin at, String raw, String text) implements TranscriptEvent {
        @Override
        public String type() {
            return "annotation";
        }
    }
}
