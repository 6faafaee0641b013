package io.virtblk.replay.session;

import io.virtblk.replay.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Chooses the reading of a run's releases that agrees with the evidence: every reading is
 * checked against every clue, the fewest contradictions win, and among equals the earliest-open
 * rule (what the tool always did) is shown, the others kept as equally good. A run whose releases
 * never had a choice is read once and weighs nothing.
 */
final class Attributor {

    private Attributor() {
    }

    static Attribution of(List<TraceEvent> events, Predicate<TraceEvent> promptFollowed) {
        Readings.Result made = Readings.of(events);
        if (made.readings().size() == 1) {
            return Attribution.single(made.readings().getFirst());
        }
        List<Clue> clues = Clues.of(events, promptFollowed);
        List<Attribution.Weighed> weighed = new ArrayList<>();
        for (Reading r : made.readings()) {
            weighed.add(new Attribution.Weighed(r, clues.stream().map(c -> c.check(r)).toList()));
        }
        // stable: the earliest-open rule is made first, so it leads among equals
        weighed.sort(Comparator.comparingLong(Attribution.Weighed::contradictions));
        Attribution.Weighed chosen = weighed.getFirst();
        List<Attribution.Weighed> equal = weighed.stream().skip(1).filter(w -> w.contradictions() == chosen.contradictions()).toList();
        List<Attribution.Weighed> rejected = weighed.stream().filter(w -> w.contradictions() > chosen.contradictions()).toList();
        return new Attribution(chosen, rejected, equal, weighed.size(), made.capped());
    }
}
