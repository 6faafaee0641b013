package io.virtblk.analyzer.store;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;
import org.apache.lucene.util.ThreadInterruptedException;

/**
 * Ctrl-C reaches a command as a thread interrupt, and the interrupt surfaces wherever it lands:
 * as an {@link InterruptedException} in a queue, a {@link ClosedByInterruptException} from a file
 * channel, Lucene's {@link ThreadInterruptedException} from a flush or commit. Whichever it is,
 * the user asked to stop; none of them is an error to report.
 */
public final class Interrupts {

    private Interrupts() {
    }

    /** True when {@code failure}, or anything it was caused by, is an interrupt or a cancellation. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ThreadInterruptedException || t instanceof ClosedByInterruptException
                    || t instanceof InterruptedIOException || t instanceof CancellationException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A cancellation saying {@code what}, with the failure it came through kept as its cause. */
    public static CancellationException cancelled(String what, Throwable through) {
        CancellationException c = new CancellationException(what);
        if (through != null && through != c) {
            c.initCause(through);
        }
        return c;
    }
}
