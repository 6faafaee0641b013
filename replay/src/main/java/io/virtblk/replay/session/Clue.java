package io.virtblk.replay.session;

import java.util.List;
import java.util.Locale;

/**
 * A fact from outside the driver's lines that says which sessions were still open, or had
 * ended: a hung-task report naming a process, a command that returned, fio's results and stuck
 * notices. Each is checked against a reading of the releases; a reading that contradicts the
 * evidence is rejected, with the clue as the reason.
 */
public sealed interface Clue {

    /** The input line the clue comes from. */
    int line();

    /** What the evidence says, for people. */
    String says();

    /** Whether the reading's sessions agree with it. */
    Check check(Reading reading);

    /** A clue's verdict on one reading; {@code why} says, for a contradiction, what the reading has instead. */
    record Check(Clue clue, Outcome outcome, String why) {
        public enum Outcome { AGREES, CONTRADICTS, SILENT }

        static Check agrees(Clue c) {
            return new Check(c, Outcome.AGREES, "");
        }

        static Check silent(Clue c) {
            return new Check(c, Outcome.SILENT, "");
        }

        static Check contradicts(Clue c, String why) {
            return new Check(c, Outcome.CONTRADICTS, why);
        }
    }

    /**
     * The kernel reports {@code task} blocked at {@code at} (a hung task can release nothing): a
     * session of its kind (fio's I/O session, or the user app's) is open then.
     */
    record TaskBlocked(int line, Double at, String task, Integer pid, DeviceSession.Kind kind) implements Clue {
        @Override
        public String says() {
            return "the kernel reports " + task + (pid == null ? "" : ":" + pid) + " blocked" + (at == null ? "" : String.format(Locale.ROOT,
                    " at [%.6f]", at)) + ": " + (kind == DeviceSession.Kind.IO ? "a fio I/O session" : "the user app's session") + " was still open";
        }

        @Override
        public Check check(Reading r) {
            List<DeviceSession> ofKind = r.sessions().stream().filter(s -> s.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                return Check.silent(this);
            }
            if (ofKind.stream().anyMatch(this::openAt)) {
                return Check.agrees(this);
            }
            return Check.contradicts(this, "this reading has released every " + (kind == DeviceSession.Kind.IO ? "fio I/O session" : "user-app session")
                    + " by then (" + String.join(", ", ofKind.stream().map(s -> "session " + s.id() + " at line " + s.release().line()).toList()) + ")");
        }

        private boolean openAt(DeviceSession s) {
            if (s.engage().line() > line) {
                return false;
            }
            if (s.release() == null) {
                return true;
            }
            Double end = s.release().clock();
            return at != null && end != null ? end >= at : s.release().line() > line;
        }
    }

    /**
     * A user-app command ran in the foreground and the prompt came back: the app left, so its
     * session was released; with {@code --io N} it answered N transfers (N SET_BLOCKs) first.
     */
    record AppLeft(int line, String command, Integer ios) implements Clue {
        @Override
        public String says() {
            return "'" + command + "' returned (a later prompt follows): the app " + (ios == null ? "" : "made " + ios + " I/Os and ") + "left";
        }

        @Override
        public Check check(Reading r) {
            List<DeviceSession> app = r.sessions().stream().filter(s -> s.kind() == DeviceSession.Kind.USER_APP).toList();
            if (app.isEmpty()) {
                return Check.silent(this);
            }
            List<DeviceSession> released = app.stream().filter(s -> !s.open()).toList();
            if (released.isEmpty()) {
                return Check.contradicts(this, "this reading leaves " + String.join(", ", app.stream().map(s -> "session " + s.id()).toList())
                        + " (user_app) open");
            }
            if (ios != null && released.stream().noneMatch(s -> setBlocks(s) == ios)) {
                return Check.contradicts(this, "the user-app session this reading releases made " + String.join(", ",
                        released.stream().map(s -> String.valueOf(setBlocks(s))).toList()) + " SET_BLOCK(s)");
            }
            return Check.agrees(this);
        }

        static long setBlocks(DeviceSession s) {
            return s.ioctls().stream().filter(i -> "SET_BLOCK".equals(i.ioctl())).count();
        }
    }

    /** fio printed a result for these jobs: their I/O finished, so as many I/O sessions were released. */
    record FioJobsDone(int line, List<String> jobs) implements Clue {
        @Override
        public String says() {
            return "fio printed the result of " + quoted(jobs) + ": " + (jobs.size() == 1 ? "its I/O session was" : "their I/O sessions were") + " released";
        }

        @Override
        public Check check(Reading r) {
            List<DeviceSession> io = r.sessions().stream().filter(s -> s.kind() == DeviceSession.Kind.IO).toList();
            long released = io.stream().filter(s -> !s.open()).count();
            if (io.isEmpty()) {
                return Check.silent(this);
            }
            return released >= Math.min(jobs.size(), io.size()) ? Check.agrees(this)
                    : Check.contradicts(this, "this reading releases " + released + " of " + io.size() + " I/O session(s)");
        }
    }

    /** fio says these jobs are stuck: as many I/O sessions are still open at the end. */
    record FioJobsStuck(int line, List<String> jobs) implements Clue {
        @Override
        public String says() {
            return "fio says " + quoted(jobs) + (jobs.size() == 1 ? " is" : " are") + " stuck: " + (jobs.size() == 1 ? "an I/O session is" : "I/O sessions are")
                    + " still open at the end";
        }

        @Override
        public Check check(Reading r) {
            List<DeviceSession> io = r.sessions().stream().filter(s -> s.kind() == DeviceSession.Kind.IO).toList();
            long open = io.stream().filter(DeviceSession::open).count();
            if (io.isEmpty()) {
                return Check.silent(this);
            }
            return open >= Math.min(jobs.size(), io.size()) ? Check.agrees(this)
                    : Check.contradicts(this, "this reading leaves " + open + " of " + io.size() + " I/O session(s) open");
        }
    }

    /** fio's job ran {@code runtimeMs}: one released I/O session lasted about that long. */
    record FioRuntime(int line, String job, long runtimeMs) implements Clue {
        @Override
        public String says() {
            return "fio's job '" + job + "' ran " + runtimeMs + " ms: an I/O session lasted about that long";
        }

        @Override
        public Check check(Reading r) {
            List<Double> lengths = r.sessions().stream().filter(s -> s.kind() == DeviceSession.Kind.IO && s.length() != null)
                    .map(s -> s.length() * 1000).toList();
            if (lengths.isEmpty()) {
                return Check.silent(this);
            }
            double tolerance = Math.max(5, runtimeMs * 0.1);
            return lengths.stream().anyMatch(ms -> Math.abs(ms - runtimeMs) <= tolerance) ? Check.agrees(this)
                    : Check.contradicts(this, "the I/O sessions of this reading lasted " + String.join(", ",
                    lengths.stream().map(ms -> String.format(Locale.ROOT, "%.1f ms", ms)).toList()));
        }
    }

    private static String quoted(List<String> jobs) {
        return (jobs.size() == 1 ? "job " : "jobs ") + String.join(", ", jobs.stream().map(j -> "'" + j + "'").toList());
    }
}
