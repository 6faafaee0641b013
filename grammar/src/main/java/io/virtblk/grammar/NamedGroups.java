package io.virtblk.grammar;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named group's text after a match, from patterns that may not name it (a table's patterns each
 * name some of the fields asked for). {@link Pattern#namedGroups()} copies its map on every call
 * and {@link Matcher#group(String)} throws for a name the pattern lacks; both cost more than the
 * match on a line, so each pattern's names are taken once.
 */
public final class NamedGroups {

    private static final Map<Pattern, Set<String>> NAMES = new ConcurrentHashMap<>();

    private NamedGroups() {
    }

    /** The text the group {@code name} matched, or null when the pattern names no such group or it took no part. */
    public static String of(Matcher m, String name) {
        return NAMES.computeIfAbsent(m.pattern(), p -> p.namedGroups().keySet()).contains(name) ? m.group(name) : null;
    }
}
