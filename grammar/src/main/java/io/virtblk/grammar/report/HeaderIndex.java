package io.virtblk.grammar.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a line may hold one of the kinds' headers, in one pass over its characters: every
 * line of a multi-gigabyte log is asked, and thirty-odd {@code contains} calls a line would cost
 * more than reading it. Headers are bucketed by their first two characters; a position whose two
 * characters start no header is passed at the cost of one array read.
 */
final class HeaderIndex {

    private final String[][] byPair = new String[1 << 14][];

    private HeaderIndex() {
    }

    static HeaderIndex of(ReportRules rules) {
        HeaderIndex h = new HeaderIndex();
        List<String>[] lists = new List[1 << 14];
        for (ReportRules.Kind k : rules.kinds()) {
            String header = k.header();
            if (header.length() < 2) {
                header = header + " ";
            }
            int key = key(header.charAt(0), header.charAt(1));
            if (lists[key] == null) {
                lists[key] = new ArrayList<>();
            }
            lists[key].add(header);
        }
        for (int i = 0; i < lists.length; i++) {
            if (lists[i] != null) {
                h.byPair[i] = lists[i].toArray(String[]::new);
            }
        }
        return h;
    }

    private static int key(char a, char b) {
        return ((a & 0x7F) << 7) | (b & 0x7F);
    }

    /** True when some header occurs in {@code line} (the caller then asks which kind, and whether its exceptions apply). */
    boolean mayStart(String line) {
        for (int i = 0, n = line.length() - 1; i < n; i++) {
            String[] candidates = byPair[key(line.charAt(i), line.charAt(i + 1))];
            if (candidates != null) {
                for (String c : candidates) {
                    if (line.startsWith(c, i)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
