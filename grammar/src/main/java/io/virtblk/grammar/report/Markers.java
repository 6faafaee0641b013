package io.virtblk.grammar.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a set of fixed strings occur in a line, in one pass over it: every line of a
 * multi-gigabyte log is asked whether it starts a report, and every line a report holds whether
 * it ends one in a panic, is a questionable frame, starts another stack... A {@code contains}
 * per string per line cost more than reading the line.
 *
 * <p>Each string is known by one pair of adjacent characters, chosen so one of the two is as
 * unlike running text as can be ({@code BU} of "BUG:", {@code m-} of "invoked oom-killer",
 * {@code ?} of " ? "). The pass reads each character once and tests it with the one before in a
 * bit set of all the strings' pairs (2 KB: it stays in the first-level cache); only on a hit does
 * it look the pair up and compare the whole string there. Testing each side against a set of rare
 * characters first, as this once did, passed one character in six to the lookup and made the
 * pass twice as slow with the report kinds as without them. Triples of characters, hashed, are
 * hit far less often but cost more per character than the hits they save (measured on the 1M-line
 * generated kern.log: 140 ms pairs, 155 ms triples, 310 ms the rare-side test).
 * {@link #scan} answers with a bit per kind of marker found (up to 32 kinds).
 */
final class Markers {

    private record Anchor(String text, int offset, int bit) {
    }

    /** A bit per pair of 7-bit characters ({@link #key}) that is some marker's pair. */
    private final long[] pairs = new long[(1 << 14) / Long.SIZE];
    private final Anchor[][] byPair = new Anchor[1 << 14][];
    /**
     * True when some marker holds a character beyond Latin-1: a line's bytes then cannot stand for
     * it (the copy to bytes turns such a character into '?'), and every line is read as characters.
     */
    private final boolean wide;

    /** {@code strings.get(i)} is a marker of kind bit {@code bits.get(i)}. */
    Markers(List<String> strings, List<Integer> bits) {
        @SuppressWarnings("unchecked")
        List<Anchor>[] lists = new List[1 << 14];
        wide = strings.stream().anyMatch(h -> h.chars().anyMatch(c -> c > 0xFF));
        for (int s = 0; s < strings.size(); s++) {
            String h = strings.get(s);
            if (h.length() < 2) {
                throw new IllegalArgumentException("a marker needs two characters at least: '" + h + "'");
            }
            int best = 0;
            int bestScore = -1;
            for (int k = 0; k + 1 < h.length(); k++) {
                int score = 4 * Math.max(rarity(h.charAt(k)), rarity(h.charAt(k + 1))) + Math.min(rarity(h.charAt(k)), rarity(h.charAt(k + 1)));
                if (score > bestScore) {
                    best = k;
                    bestScore = score;
                }
            }
            int key = key(h.charAt(best), h.charAt(best + 1));
            if (lists[key] == null) {
                lists[key] = new ArrayList<>();
            }
            lists[key].add(new Anchor(h, best, bits.get(s)));
            pairs[key >>> 6] |= 1L << key;
        }
        for (int i = 0; i < lists.length; i++) {
            if (lists[i] != null) {
                byPair[i] = lists[i].toArray(Anchor[]::new);
            }
        }
    }

    /** How unlike kernel log text a character is, roughly by how often it occurs there. */
    private static int rarity(char c) {
        if (c == ' ' || "etaoinsrhld".indexOf(c) >= 0) {
            return 0;
        }
        if ("cumwfgypb.:".indexOf(c) >= 0) {
            return 1; // ':' ends every "subsystem:" lead
        }
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '=') {
            return 2;
        }
        return c >= 'A' && c <= 'Z' ? 3 : 4;
    }

    private static int key(char a, char b) {
        return (a & 0x7F) << 7 | (b & 0x7F);
    }

    /** The bits of the kinds of markers that occur in {@code line}. */
    int scan(String line) {
        int n = line.length();
        if (n < 2) {
            return 0;
        }
        if (wide) {
            return scanChars(line);
        }
        // a line is read as bytes: no per-character check of the string's coding; the copy is one
        // vectorised move, far cheaper than the pass. A character beyond Latin-1 becomes one '?',
        // which no marker of Latin-1 characters can hold where it stands (every pair is confirmed on
        // the line itself); a surrogate pair becomes one '?' for two characters: then bytes and
        // characters no longer line up and the line is read as characters
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return bytes.length == n ? scanBytes(line, bytes) : scanChars(line);
    }

    private int scanBytes(String line, byte[] b) {
        long[] pairs = this.pairs;
        int bits = 0;
        int prev = b[0] & 0x7F;
        for (int i = 1; i < b.length; i++) {
            int key = prev << 7 | b[i] & 0x7F;
            if ((pairs[key >>> 6] & 1L << key) != 0) {
                bits = confirm(line, i - 1, byPair[key], bits);
            }
            prev = key & 0x7F;
        }
        return bits;
    }

    /** The same for a line holding characters beyond Latin-1, where bytes and characters would not line up. */
    private int scanChars(String line) {
        long[] pairs = this.pairs;
        int bits = 0;
        int prev = line.charAt(0) & 0x7F;
        for (int i = 1; i < line.length(); i++) {
            int key = prev << 7 | line.charAt(i) & 0x7F;
            if ((pairs[key >>> 6] & 1L << key) != 0) {
                bits = confirm(line, i - 1, byPair[key], bits);
            }
            prev = key & 0x7F;
        }
        return bits;
    }

    /** {@code bits} with those of the {@code anchors} whose pair is at {@code i} and that stand in the line whole. */
    private static int confirm(String line, int i, Anchor[] anchors, int bits) {
        for (Anchor a : anchors) {
            int at = i - a.offset;
            if ((bits & a.bit) == 0 && at >= 0 && line.startsWith(a.text, at)) {
                bits |= a.bit;
            }
        }
        return bits;
    }
}
