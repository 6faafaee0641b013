package io.virtblk.shell.command;

import io.virtblk.analyzer.Spelling;
import io.virtblk.analyzer.store.FieldKind;
import io.virtblk.analyzer.store.Schema;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to tell a user whose query matched nothing. A bare word searches the message text, but many
 * names a driver engineer types are never written in the line: {@code BLKFLSBUF} is decoded from
 * {@code call ID: 0x00001261} into {@code ioctl.name}. Pointing at the field turns an empty answer
 * into the query that was meant; a keyword value that matches nothing gets the field's nearest
 * values ({@code type:ioctls} → {@code ioctl}). Told on the error stream, so that scripts reading the answer
 * (an empty list, a 0) are not disturbed; at the prompt, after the answer.
 */
public final class NoMatch {

    private static final Pattern BARE_WORD = Pattern.compile("[\\p{L}\\p{Nd}_.\\-]+");
    private static final Pattern FIELD_VALUE = Pattern.compile("([\\w.]+):([\\p{L}\\p{Nd}_.\\-]+)");
    /** How many values of a keyword field to weigh for the nearest: all of type's, fio.job's, ioctl.name's. */
    private static final int VALUES = 10_000;

    private NoMatch() {
    }

    public static void tell(Session session, String query) throws IOException {
        String q = query.strip();
        String hint = "";
        if (BARE_WORD.matcher(q).matches()) {
            List<String> fields = session.store().fieldsHolding(q);
            if (!fields.isEmpty()) {
                hint = "; '" + q + "' is not in any message but is a value of " + String.join(", ", fields)
                        + ": try " + fields.getFirst() + ":" + valueAsStored(session, fields.getFirst(), q);
            }
        }
        var fv = FIELD_VALUE.matcher(q);
        if (fv.matches() && Schema.kind(fv.group(1)) == FieldKind.KEYWORD) {
            List<String> values = session.store().values(fv.group(1), "", VALUES);
            hint = values.isEmpty() ? "; no loaded event has a " + fv.group(1)
                    : "; nearest values of " + fv.group(1) + ": " + String.join(", ", Spelling.nearest(values, fv.group(2), 4));
        }
        // at the prompt it follows the answer on screen (the answer may be held for the pager)
        var to = session.interactive() ? session.out() : session.err();
        to.println("no events match " + q + hint);
        to.flush();
    }

    /** The value as the index holds it: as typed, or in capitals when only those match. */
    private static String valueAsStored(Session session, String field, String typed) throws IOException {
        return session.store().values(field, typed, 1).contains(typed) ? typed : typed.toUpperCase(java.util.Locale.ROOT);
    }
}
