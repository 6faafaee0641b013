package io.virtblk.grammar.report;

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
 * {@code ?} of " ? "); the pass reads each character once, tests the pair's rare side against a
 * small set, and only then looks the pair up and compares the whole string there.
 * {@link #scan} answers with a bit per kind of marker found (up to 32 kinds).
 */
final class Markers {

    private record Anchor(String text, int offset, int bit) {
    }

    /** Characters that, second in a pair, may make a marker's pair; and the same for the first of a pair. */
    private final boolean[] second = new boolean[128];
    private final boolean[] first = new boolean[128];
    private final Anchor[][] byPair = new Anchor[1 << 14][];

    /** {@code strings.get(i)} is a marker of kind bit {@code bits.get(i)}. */
    Markers(List<String> strings, List<Integer> bits) {
        @SuppressWarnings("unchecked")
        List<Anchor>[] lists = new List[1 << 14];
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
            if (rarity(h.charAt(best + 1)) >= rarity(h.charAt(best))) {
                second[h.charAt(best + 1) & 0x7F] = true;
            } else {
                first[h.charAt(best) & 0x7F] = true;
            }
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
        int bits = 0;
        int n = line.length();
        if (n < 2) {
            return 0;
        }
        boolean[] second = this.second;
        boolean[] first = this.first;
        char prev = line.charAt(0);
        for (int i = 1; i < n; i++) {
            char c = line.charAt(i);
            if (second[c & 0x7F] || first[prev & 0x7F]) {
                Anchor[] anchors = byPair[key(prev, c)];
                if (anchors != null) {
                    for (Anchor a : anchors) {
                        int at = i - 1 - a.offset;
                        if ((bits & a.bit) == 0 && at >= 0 && line.startsWith(a.text, at)) {
                            bits |= a.bit;
                        }
                    }
                }
            }
            prev = c;
        }
        return bits;
    }
}
