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
 * never had a choice is read once and weighs nothing, and so is one with no clue and no session
 * left open: there is nothing to weigh and nothing a reading could change.
 */
final class Attributor {

    private Attributor() {
    }

    static Attribution of(List<TraceEvent> events, Predicate<TraceEvent> promptFollowed, SessionRules rules) {
        Reading earliest = Readings.build(events, List.of(), rules);
        if (earliest.releases().isEmpty()) {
            return Attribution.single(earliest);
        }
        List<Clue> clues = Clues.of(events, promptFollowed);
        if (clues.isEmpty() && earliest.sessions().stream().noneMatch(DeviceSession::open)) {
            // nothing could rule a reading out, and with every session released no reading can change the verdict:
            // a bare log of many interleaved, all released sessions is read once, as before
            return Attribution.single(earliest);
        }
        Readings.Result made = Readings.of(events, earliest, rules);
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
