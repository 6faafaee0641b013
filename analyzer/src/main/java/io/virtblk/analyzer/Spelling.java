package io.virtblk.analyzer;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Nearest names to a mistyped one, for error messages that offer what was probably meant. */
public final class Spelling {

    private Spelling() {
    }

    /** Up to {@code n} of {@code names}, closest to {@code word} first (edit distance, then name). */
    public static List<String> nearest(Collection<String> names, String word, int n) {
        return names.stream().sorted(Comparator.comparingInt((String s) -> distance(s, word)).thenComparing(s -> s)).limit(n).toList();
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
