package io.virtblk.replay.session;

import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds a run's sessions one device event at a time under one reading of its releases.
 *
 * <p>The driver logs no pid. An ioctl goes to the open session it most likely came from: the
 * driver's own commands to the latest session that has issued only such commands (a user app
 * keeps its session open across many), anything else (fio's BLKFLSBUF) to the latest that has
 * issued nothing yet; failing that, to the latest open session. A release could have closed any
 * open session; sessions that look alike (the same role so far) are interchangeable, so the
 * candidates are the earliest open session of each role, earliest first. Which candidate a
 * release closes is the reading's choice; the earliest-open rule always takes the first.
 */
final class SessionBuilder {

    /** The driver's own commands ({@link SessionRules#ownIoctls()}). */
    private final Set<String> driverCommands;

    SessionBuilder(SessionRules rules) {
        this.driverCommands = rules.ownIoctls();
    }

    /** What a session looks like so far, from its ioctls; sessions of one role are interchangeable to a release. */
    enum Role { IO, USER_APP, OTHER, NONE }

    private final List<Building> all = new ArrayList<>();
    private final List<Building> open = new ArrayList<>();

    void engage(TraceEvent e) {
        Building b = new Building(all.size() + 1, e, driverCommands);
        all.add(b);
        open.add(b);
    }

    void ioctl(TraceEvent e) {
        Building b = ownerOf(e);
        if (b != null) {
            b.add(e);
        }
    }

    /** The sessions the release could close, one per role, earliest first; empty when none is open. */
    List<Integer> candidates() {
        Map<Role, Building> first = new LinkedHashMap<>();
        for (Building b : open) {
            first.putIfAbsent(b.role(), b);
        }
        return first.values().stream().map(b -> b.id).sorted().toList();
    }

    /** Closes session {@code id} with {@code release}. */
    void release(TraceEvent release, int id) {
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).id == id) {
                open.remove(i).release = release;
                return;
            }
        }
        throw new IllegalArgumentException("session " + id + " is not open");
    }

    List<DeviceSession> sessions() {
        return all.stream().map(Building::done).toList();
    }

    private Building ownerOf(TraceEvent ioctl) {
        boolean driverCommand = driverCommands.contains(ioctl.ioctl());
        for (int i = open.size() - 1; i >= 0; i--) {
            Building b = open.get(i);
            boolean fits = driverCommand ? b.others == 0 : b.ioctls.isEmpty();
            if (fits) {
                return b;
            }
        }
        return open.isEmpty() ? null : open.getLast();
    }

    private static final class Building {
        final int id;
        final TraceEvent engage;
        final List<TraceEvent> ioctls = new ArrayList<>();
        TraceEvent release;
        // counted as they come: a user app's session can hold millions of ioctls, asked about at each one
        int others;
        boolean flush;
        boolean driver;
        private final Set<String> driverCommands;

        Building(int id, TraceEvent engage, Set<String> driverCommands) {
            this.id = id;
            this.engage = engage;
            this.driverCommands = driverCommands;
        }

        void add(TraceEvent ioctl) {
            ioctls.add(ioctl);
            if (driverCommands.contains(ioctl.ioctl())) {
                driver = true;
            } else {
                others++;
                flush |= "BLKFLSBUF".equals(ioctl.ioctl());
            }
        }

        Role role() {
            return switch (kind()) {
                case IO -> Role.IO;
                case USER_APP -> Role.USER_APP;
                case OTHER -> Role.OTHER;
                case SETUP -> Role.NONE;
            };
        }

        DeviceSession.Kind kind() {
            if (flush) {
                return DeviceSession.Kind.IO;
            } else if (driver) {
                return DeviceSession.Kind.USER_APP;
            } else if (ioctls.isEmpty()) {
                return DeviceSession.Kind.SETUP;
            }
            return DeviceSession.Kind.OTHER;
        }

        DeviceSession done() {
            return new DeviceSession(id, engage, List.copyOf(ioctls), release, kind());
        }
    }
}
