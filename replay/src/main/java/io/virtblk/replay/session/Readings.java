package io.virtblk.replay.session;

import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every reading of a run's releases, up to a budget: each release with more than one candidate
 * (see {@link SessionBuilder}) branches. A reading is rebuilt from the events for each choice
 * instead of copying half-built sessions, so only one reading's sessions are made at a time and
 * a run whose releases never have a choice costs one pass, as before.
 *
 * <p>The first reading is always the earliest-open rule.
 */
final class Readings {

    /** Most readings weighed for one run. */
    static final int MAX_READINGS = 64;
    /** Most events rebuilt for one run's readings together: a run of millions of events gets few readings. */
    static final long MAX_EVENT_PASSES = 5_000_000;

    /** The readings made; {@code capped} when the budget left some unmade. */
    record Result(List<Reading> readings, boolean capped) {
    }

    private Readings() {
    }

    /** Every reading, {@code earliest} (the earliest-open rule's, already made) first. */
    static Result of(List<TraceEvent> events, Reading earliest, SessionRules rules) {
        long device = Math.max(1, events.stream().filter(TraceEvent::isDevice).count());
        int budget = (int) Math.max(2, Math.min(MAX_READINGS, MAX_EVENT_PASSES / device));
        List<Reading> out = new ArrayList<>();
        Deque<List<Integer>> todo = new ArrayDeque<>();
        todo.push(List.of());
        while (!todo.isEmpty() && out.size() < budget) {
            List<Integer> prefix = todo.pop();
            Reading r = prefix.isEmpty() ? earliest : build(events, prefix, rules);
            out.add(r);
            // every choice after the prefix was the first candidate: each other candidate there is a reading still to make
            for (int k = r.releases().size() - 1; k >= prefix.size(); k--) {
                for (int c = r.releases().get(k).candidates().size() - 1; c >= 1; c--) {
                    List<Integer> next = new ArrayList<>(r.choices().subList(0, k));
                    next.add(c);
                    todo.push(List.copyOf(next));
                }
            }
        }
        return new Result(List.copyOf(out), !todo.isEmpty());
    }

    /** The sessions when the releases with a choice take {@code prefix}'s candidates, then the earliest. */
    static Reading build(List<TraceEvent> events, List<Integer> prefix, SessionRules rules) {
        SessionBuilder b = new SessionBuilder(rules);
        List<Integer> choices = new ArrayList<>();
        List<Reading.Release> releases = new ArrayList<>();
        for (TraceEvent e : events) {
            switch (e.kind()) {
                case ENGAGE -> b.engage(e);
                case IOCTL -> b.ioctl(e);
                case RELEASE -> {
                    List<Integer> candidates = b.candidates();
                    if (candidates.isEmpty()) {
                        continue; // the log began with the session open: nothing of this run to close
                    }
                    int choice = 0;
                    if (candidates.size() > 1) {
                        choice = choices.size() < prefix.size() ? prefix.get(choices.size()) : 0;
                        choices.add(choice);
                        releases.add(new Reading.Release(e, candidates.get(choice), candidates));
                    }
                    b.release(e, candidates.get(choice));
                }
                default -> { }
            }
        }
        return new Reading(List.copyOf(choices), b.sessions(), List.copyOf(releases));
    }
}
