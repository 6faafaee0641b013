package io.virtblk.shell.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every kernel setting the capture changes, written down before it is changed, and put back in
 * the reverse order — once, whichever way the capture ends (its end, a failure, Ctrl-C,
 * SIGTERM). What was put back, and what could not be, goes into {@code capture.json}.
 */
final class Changes {

    /** One change and how it is undone. */
    private record Change(String what, String before, String after, Undo undo) {
    }

    @FunctionalInterface
    interface Undo {
        void run() throws IOException;
    }

    private final List<Change> done = new ArrayList<>();
    private final List<Map<String, Object>> report = new ArrayList<>();
    private boolean restored;

    /** Sets a kernel file to {@code value}, remembering what it held. */
    synchronized void set(String what, Path file, String value) throws IOException {
        set(what, file, before -> value);
    }

    /** Sets a kernel file to what {@code during} makes of its value, remembering the value. */
    synchronized void set(String what, Path file, java.util.function.UnaryOperator<String> during) throws IOException {
        open(what);
        String before = currentValue(Host.read(file));
        String value = during.apply(before);
        Host.write(file, value);
        done.add(new Change(what, before, value, () -> {
            try {
                Host.write(file, before);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; put it back with: echo " + before + " > " + file, e);
            }
        }));
    }

    /** Records a change made by the caller (a folder made, a filesystem mounted) with its undo. */
    synchronized void made(String what, String before, String after, Undo undo) throws IOException {
        if (restored) {
            undo.run(); // made while the capture was ending: undone at once, never left behind
            throw new IOException("the capture is ending: " + what + " undone");
        }
        done.add(new Change(what, before, after, undo));
    }

    /** A change may not begin once the changes are put back: it would never be undone. */
    private void open(String what) throws IOException {
        if (restored) {
            throw new IOException("the capture is ending: " + what + " not changed");
        }
    }

    /**
     * Undoes every change, newest first; a step that fails is said and the rest still run.
     *
     * @return the steps that could not be undone, as messages (empty: all put back)
     */
    synchronized List<String> restore() {
        List<String> failed = new ArrayList<>();
        if (restored) {
            return failed;
        }
        restored = true;
        for (int i = done.size() - 1; i >= 0; i--) {
            Change c = done.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setting", c.what());
            m.put("before", c.before());
            m.put("during", c.after());
            try {
                c.undo().run();
                m.put("restored", true);
            } catch (IOException | RuntimeException e) {
                m.put("restored", false);
                m.put("error", String.valueOf(e.getMessage()));
                failed.add(c.what() + ": " + e.getMessage());
            }
            report.add(0, m);
        }
        return failed;
    }

    /** The changes in the order they were made, each with whether it was put back (after {@link #restore()}). */
    synchronized List<Map<String, Object>> report() {
        return List.copyOf(report);
    }

    /**
     * What a tracefs choice file holds now: {@code [perf]} of {@code local global [perf] mono},
     * the value itself otherwise.
     */
    static String currentValue(String text) {
        int open = text.indexOf('[');
        int close = text.indexOf(']', open + 1);
        if (open >= 0 && close > open && text.contains(" ")) {
            return text.substring(open + 1, close);
        }
        return text;
    }
}
