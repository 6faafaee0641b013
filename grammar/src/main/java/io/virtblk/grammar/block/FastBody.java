package io.virtblk.grammar.block;

/**
 * The body of the block tracepoints a big trace is made of, read by hand:
 * {@code 7,0 R 152128 + 8 [fio]} (a bio queued, got a request), {@code 7,0 WS 4096 () 95232 + 8 be,0,4 [fio]}
 * (a request inserted, issued) and {@code 7,0 WS () 95232 + 8 be,0,4 [0]} (completed). Anything
 * else — a command in the parentheses, a split, a remap, a count, a number too long, a blank the
 * grammar skips that this does not — is declined and left to {@link BlockTraceParser}; what is
 * read is read as the grammar reads it ({@code FastBodyTest} holds it to that). The grammar took
 * a fifth of a load.
 *
 * @param bytes   the request's size, null when the body has none
 * @param who     the bracket's text: a command, or a completion's error
 */
record FastBody(String dev, String rwbs, Long bytes, long sector, int sectors, String who) {

    static FastBody read(String body) {
        int n = body.length();
        int i = blanks(body, 0);
        // DEV: digits ',' digits
        int devStart = i;
        i = digits(body, i, 4);
        if (i == devStart || i >= n || body.charAt(i) != ',') {
            return null;
        }
        int minor = i + 1;
        i = digits(body, minor, 7);
        if (i == minor || i >= n || body.charAt(i) != ' ') {
            return null;
        }
        String dev = body.substring(devStart, i);
        i = blanks(body, i);
        // RWBS: letters
        int rwbsStart = i;
        while (i < n && letter(body.charAt(i))) {
            i++;
        }
        if (i == rwbsStart || i >= n || body.charAt(i) != ' ') {
            return null;
        }
        String rwbs = body.substring(rwbsStart, i);
        i = blanks(body, i);
        // [BYTES] [()] SECTOR + COUNT
        Long bytes = null;
        int numStart = i;
        int numEnd = digits(body, i, 18);
        if (numEnd > numStart && numEnd < n && body.charAt(numEnd) == ' ' && lookingAtParens(body, blanks(body, numEnd))) {
            bytes = Long.parseLong(body, numStart, numEnd, 10);
            i = blanks(body, numEnd);
        }
        if (lookingAtParens(body, i)) {
            i = blanks(body, i + 2);
            if (i == n) {
                return null;
            }
        }
        int sectorStart = i;
        i = digits(body, i, 20);
        if (i == sectorStart || i >= n || body.charAt(i) != ' ') {
            return null;
        }
        String sectorText = body.substring(sectorStart, i);
        i = blanks(body, i);
        if (i + 1 >= n || body.charAt(i) != '+' || body.charAt(i + 1) != ' ') {
            return null;
        }
        i = blanks(body, i + 1);
        int countStart = i;
        i = digits(body, i, 9);
        if (i == countStart) {
            return null;
        }
        int sectors = Integer.parseInt(body, countStart, i, 10);
        if (i == n) {
            return new FastBody(dev, rwbs, bytes, Long.parseUnsignedLong(sectorText), sectors, null);
        }
        if (body.charAt(i) != ' ') {
            return null;
        }
        i = blanks(body, i);
        // [IOPRIO: [a-z0-9]+ ',' digits ',' digits]
        if (i < n && body.charAt(i) != '[') {
            int p = i;
            while (p < n && (body.charAt(p) >= 'a' && body.charAt(p) <= 'z' || body.charAt(p) >= '0' && body.charAt(p) <= '9')) {
                p++;
            }
            if (p == i || p >= n || body.charAt(p) != ',') {
                return null;
            }
            int q = digits(body, p + 1, 10);
            if (q == p + 1 || q >= n || body.charAt(q) != ',') {
                return null;
            }
            int r = digits(body, q + 1, 10);
            if (r == q + 1) {
                return null;
            }
            if (r == n) {
                return new FastBody(dev, rwbs, bytes, Long.parseUnsignedLong(sectorText), sectors, null);
            }
            if (body.charAt(r) != ' ') {
                return null;
            }
            i = blanks(body, r);
        }
        // [WHO] and the end
        if (i >= n || body.charAt(i) != '[' || body.charAt(n - 1) != ']' || n - 1 <= i) {
            return null;
        }
        for (int k = i + 1; k < n - 1; k++) {
            char c = body.charAt(k);
            if (c == ']' || c == '\r' || c == '\n') {
                return null;
            }
        }
        return new FastBody(dev, rwbs, bytes, Long.parseUnsignedLong(sectorText), sectors, body.substring(i + 1, n - 1).strip());
    }

    /** The digits from {@code i}, at most {@code most} of them; where they end ({@code i} when none, or too many). */
    private static int digits(String s, int i, int most) {
        int j = i;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        return j - i > most ? i : j;
    }

    private static int blanks(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** An empty command, "()", followed by a blank. */
    private static boolean lookingAtParens(String s, int i) {
        return i + 2 < s.length() && s.charAt(i) == '(' && s.charAt(i + 1) == ')' && s.charAt(i + 2) == ' ';
    }
}
