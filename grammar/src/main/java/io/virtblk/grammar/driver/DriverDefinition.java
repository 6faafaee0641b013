package io.virtblk.grammar.driver;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A driver as its definition file says it (format in {@code driver.schema.json} beside this
 * class): the kernel lines it logs, its own ioctls, a model assembled from building blocks, the
 * what-if variants, and its hazards as rules over the model's state. Read and checked by
 * {@link DriverFile}; its lines are recognised at load by {@link DriverLines}, its model run by
 * replay.
 *
 * @param file where it was read from, for messages
 */
public record DriverDefinition(String file, String name, String about, List<LineRule> lines, Set<String> ownIoctls, int workers,
                               List<Structure> structures, List<Handshake> handshakes, List<Variant> variants, List<HazardRule> hazards,
                               Map<String, String> reproduce) {

    /** What a line of the driver means. */
    public enum LineEvent { ENGAGE, RELEASE, IOCTL, TRANSFER, NOTE }

    /** A kernel message of the driver: the first rule whose pattern is found makes the event, its named groups its fields. */
    public record LineRule(Pattern pattern, LineEvent event) {
    }

    /** A structure the submitters lock; {@code workerLocks} false: the workers touch it without the lock. */
    public record Structure(String name, boolean workerLocks) {
    }

    /**
     * A gate on the workers' transfers: once a session arms it ({@code armedBy}), each transfer
     * takes it, and the next waits until a {@code setBy} command opens it again.
     *
     * @param timeoutSeconds how long a worker waits before it goes on, null for forever
     */
    public record Handshake(String name, Set<String> armedBy, Set<String> setBy, boolean initiallyOpen, boolean wakesOnRelease,
                            Double timeoutSeconds) {
    }

    /** A what-if model: the driver with {@code fixes} (hazard ids) fixed as each hazard's {@code fixedBy} says. */
    public record Variant(String name, Set<String> fixes) {
    }

    /** The condition a hazard is a rule over. */
    public sealed interface Rule permits Race, Wait, Repeat {
    }

    /** {@code submittersAtLeast} sessions submit at once while the workers touch {@code structure} unlocked: it is corrupted. */
    public record Race(String structure, int submittersAtLeast) implements Rule {
    }

    /** A worker waits at {@code handshake} and nothing opens it. */
    public record Wait(String handshake) implements Rule {
    }

    /** {@code ioctl} issued {@code count} times or more: a risk, never a stall. */
    public record Repeat(String ioctl, int count) implements Rule {
    }

    /** What fixing a hazard changes: the workers lock, or the handshake wakes on release or times out. */
    public record Fix(boolean workerLocks, boolean wakesOnRelease, Double timeoutSeconds) {
    }

    /**
     * A hazard: its rule, what a run shows of it ({@code evidence}, may be null), the account of a
     * stall on it with the fix ({@code explanation}), and how a variant fixes it ({@code fixedBy},
     * null when no variant can).
     */
    public record HazardRule(String id, String title, Rule rule, String evidence, String explanation, Fix fixedBy) {
    }

    /** The handshake named {@code name} (a {@link Wait} rule's, checked to exist when the file was read). */
    public Handshake handshake(String name) {
        return handshakes.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": no handshake '" + name + "'"));
    }

    /** Every model name the definition offers: the driver as written, then its variants. */
    public List<String> modelNames() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), variants.stream().map(Variant::name)).toList();
    }
}
