package io.virtblk.grammar.report;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which of a stack's frames names the bug. Most reports: the first frame that is not reporting
 * or locking infrastructure (the stack's skip patterns already removed those). Stalls and hangs
 * need more: a stall loops across a call chain and a hung task waits far from the culprit.
 */
sealed interface FrameChoice {

    /** The chosen frame's name and its index among {@code frames}; null when none fits. */
    Chosen choose(List<String> frames);

    record Chosen(String name, int index) {
    }

    FrameChoice FIRST = new First();

    /** The first frame left after the skipped ones. */
    record First() implements FrameChoice {
        @Override
        public Chosen choose(List<String> frames) {
            return frames.isEmpty() ? null : new Chosen(frames.getFirst(), 0);
        }
    }

    /**
     * The frame just above the first dispatcher ({@code anchors}: syscall entry, work item, timer,
     * an ioctl): a stall's identity is the call it was serving, not where the watchdog caught it.
     * An anchor named in {@code anchorItself} is the answer itself, under the name given.
     */
    record Stall(List<Pattern> anchors, Map<String, String> anchorItself) implements FrameChoice {
        @Override
        public Chosen choose(List<String> frames) {
            if (frames.isEmpty()) {
                return null;
            }
            String prev = frames.getFirst();
            int prevIndex = 0;
            for (int i = 0; i < frames.size(); i++) {
                String frame = frames.get(i);
                for (Pattern anchor : anchors) {
                    if (anchor.matcher(frame).find()) {
                        for (var itself : anchorItself.entrySet()) {
                            if (frame.contains(itself.getKey())) {
                                return new Chosen(itself.getValue(), i);
                            }
                        }
                        return new Chosen(prev, prevIndex);
                    }
                }
                prev = frame;
                prevIndex = i;
            }
            return null;
        }
    }

    /**
     * Hung tasks: a wait on a well-known bottleneck ({@code groups}: frame word → the name to give,
     * empty for the frame itself) names them all alike; else the first frame with none of
     * {@code skipWords} (scheduling, waiting and locking).
     */
    record Hang(Map<String, String> groups, List<String> skipWords) implements FrameChoice {
        @Override
        public Chosen choose(List<String> frames) {
            for (int i = 0; i < frames.size(); i++) {
                String frame = frames.get(i);
                for (var group : groups.entrySet()) {
                    if (frame.contains(group.getKey())) {
                        return new Chosen(group.getValue().isEmpty() ? frame : group.getValue(), i);
                    }
                }
            }
            next:
            for (int i = 0; i < frames.size(); i++) {
                for (String word : skipWords) {
                    if (frames.get(i).contains(word)) {
                        continue next;
                    }
                }
                return new Chosen(frames.get(i), i);
            }
            return null;
        }
    }
}
