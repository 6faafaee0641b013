package io.virtblk.input;

/**
 * A problem found in an input, in the form editors and compilers use:
 * {@code kern.log:412:17: expected a timestamp, found 'virtio'}. Columns are 1-based; 0 means
 * the whole line.
 */
public record Diagnostic(String source, int line, int column, String message) {

    @Override
    public String toString() {
        return column > 0 ? source + ":" + line + ":" + column + ": " + message : source + ":" + line + ": " + message;
    }

    /** Shows a piece of input inside a message: quoted, control characters escaped, long text cut. */
    public static String quote(String text) {
        var sb = new StringBuilder("'");
        int limit = Math.min(text.length(), 40);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > limit) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }
}
