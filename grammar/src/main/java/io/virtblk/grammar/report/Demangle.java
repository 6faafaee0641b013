package io.virtblk.grammar.report;

/**
 * The plain name of a C++ or legacy-Rust symbol in a stack ({@code _Z8fakeNameiii} is
 * {@code fakeName}, {@code _ZN4core3ptr13drop_in_place17h0123456789abcdefE} is
 * {@code core::ptr::drop_in_place}): kernels with C++ or Rust code print mangled frames, and a
 * title names a function, not its parameter types. Only the name part of the Itanium scheme is
 * read; anything else is returned as it came.
 */
final class Demangle {

    private Demangle() {
    }

    static String plain(String symbol) {
        if (!symbol.startsWith("_Z") || symbol.length() < 4) {
            return symbol;
        }
        int i = 2;
        if (symbol.charAt(i) == 'N') {
            StringBuilder out = new StringBuilder();
            i++;
            while (i < symbol.length() && symbol.charAt(i) != 'E') {
                int[] at = {i};
                String part = sourceName(symbol, at);
                if (part == null) {
                    return symbol;
                }
                i = at[0];
                if (isRustHash(part)) {
                    continue;
                }
                if (!out.isEmpty()) {
                    out.append("::");
                }
                out.append(part);
            }
            return out.isEmpty() ? symbol : out.toString();
        }
        int[] at = {i};
        String name = sourceName(symbol, at);
        return name == null ? symbol : name;
    }

    /** {@code <length><identifier>} at {@code at[0]}; null when the text is not one. */
    private static String sourceName(String s, int[] at) {
        int i = at[0];
        int len = 0;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            len = len * 10 + (s.charAt(i++) - '0');
            if (++digits > 4) {
                return null;
            }
        }
        if (digits == 0 || len == 0 || i + len > s.length()) {
            return null;
        }
        at[0] = i + len;
        return s.substring(i, i + len);
    }

    /** Rust's legacy mangling ends a path with {@code h} and 16 hex digits. */
    private static boolean isRustHash(String part) {
        return part.length() == 17 && part.charAt(0) == 'h' && part.substring(1).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
