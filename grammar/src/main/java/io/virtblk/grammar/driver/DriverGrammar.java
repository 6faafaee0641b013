package io.virtblk.grammar.driver;

import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import java.util.function.BiConsumer;

/**
 * A Java driver's own kernel lines, recognised at load: the driver's message recogniser. Every
 * line the driver prints starts with its name and ": " ({@code virtblkiosim: Device engage: ...});
 * the kernel reader hands a grammar only those, so any other message costs one
 * {@code startsWith} per driver.
 *
 * <p>Grammars are found by {@link DriverGrammars} through {@link java.util.ServiceLoader}: a
 * driver's grammar is a class in the driver's own package plus one line in
 * {@code META-INF/services/io.virtblk.grammar.driver.DriverGrammar}. It is made once per reader
 * and used by that reader's thread alone, so it may keep a lexer, a parser and what it learned.
 * Drivers defined by a file say their lines as patterns instead ({@link DriverLines}).
 */
public interface DriverGrammar {

    /** The driver's name, as its lines start ({@code virtblkiosim}). */
    String name();

    /**
     * What a line of the driver's means: a device event (engage, release, ioctl, transfer, the
     * module, a note). A line that breaks the grammar gives null, after telling {@code report}
     * the column in {@code message} (0-based) and what was expected there; the reader keeps it
     * as a raw line with that diagnostic.
     */
    KernelEvent meaning(Origin at, String raw, KernelPrefix prefix, String message, BiConsumer<Integer, String> report);

    /**
     * What tells this grammar's versions apart, for the cache: an index made by another version
     * of a driver's grammar is made again. Change it when the events a line makes change.
     */
    default String version() {
        return "1";
    }
}
