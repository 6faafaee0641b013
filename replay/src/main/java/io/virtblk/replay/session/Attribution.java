package io.virtblk.replay.session;

import java.util.List;

/**
 * Which session each release closed, and why: the chosen reading with the clues it agrees with,
 * the readings the evidence rejects (each with the clues it contradicts), and the readings that
 * fit the evidence just as well ({@code equallyGood}: nothing says which of those is true; the
 * diagnosis checks whether the choice matters). {@code readings} is how many were weighed;
 * {@code capped} says the budget left some unmade.
 */
public record Attribution(Weighed chosen, List<Weighed> rejected, List<Weighed> equallyGood, int readings, boolean capped) {

    /** A reading and what each clue says of it. */
    public record Weighed(Reading reading, List<Clue.Check> checks) {

        public long contradictions() {
            return checks.stream().filter(c -> c.outcome() == Clue.Check.Outcome.CONTRADICTS).count();
        }

        public List<Clue.Check> agreeing() {
            return checks.stream().filter(c -> c.outcome() == Clue.Check.Outcome.AGREES).toList();
        }

        public List<Clue.Check> contradicting() {
            return checks.stream().filter(c -> c.outcome() == Clue.Check.Outcome.CONTRADICTS).toList();
        }
    }

    /** The only reading there is: no release had a choice. */
    public static Attribution single(Reading reading) {
        return new Attribution(new Weighed(reading, List.of()), List.of(), List.of(), 1, false);
    }

    /** True when readings that fit the evidence equally well close different sessions. */
    public boolean ambiguous() {
        return !equallyGood.isEmpty();
    }

    /** True when more than one reading was weighed. */
    public boolean weighed() {
        return readings > 1;
    }
}
