package io.virtblk.analyzer.store;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The message's words, lower-cased, in one pass: runs of letters, digits and '_'
 * ({@link Character#isLetterOrDigit(int)}), each lower-cased code point by code point
 * ({@link Character#toLowerCase(int)}), a run longer than {@value #MAX_WORD} characters cut into
 * pieces of that length.
 *
 * <p>Exactly the tokens, positions and offsets of Lucene's {@code CharTokenizer} on that
 * predicate followed by a {@code LowerCaseFilter} ({@code WordTokenizerTest} holds it to that on
 * random text and the corpus), which is what every index made before it holds. Those two read
 * the text through a 4 KB buffer a code point at a time, then walk each token again to lower-case
 * it; with a message per line they were an eighth of the indexing threads' time on a big
 * kern.log. This reads the whole message once (it is one line), tests ASCII by a table, and
 * lower-cases as it copies.
 */
final class WordTokenizer extends Tokenizer {

    /** Lucene's {@code CharTokenizer.DEFAULT_MAX_WORD_LEN}: a longer run is cut, as indexes made before hold it. */
    static final int MAX_WORD = 255;

    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c) || c == '_';
        }
    }

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);

    private char[] text = new char[256];
    private int length;
    private int at;
    private int finalOffset;

    @Override
    public void reset() throws IOException {
        super.reset();
        if (text.length > 1 << 16) {
            text = new char[256]; // a rare long line's buffer is not kept for every short one after it
        }
        length = 0;
        at = 0;
        finalOffset = 0;
        int n;
        while ((n = input.read(text, length, text.length - length)) != -1) {
            length += n;
            if (length == text.length) {
                text = java.util.Arrays.copyOf(text, text.length * 2);
            }
        }
    }

    @Override
    public boolean incrementToken() {
        clearAttributes();
        char[] t = text;
        int n = length;
        int i = at;
        // skip to the next word character
        int start = -1;
        while (i < n) {
            char c = t[i];
            if (c < 128) {
                if (ASCII_WORD[c]) {
                    start = i;
                    break;
                }
                i++;
            } else {
                int cp = Character.codePointAt(t, i, n);
                if (Character.isLetterOrDigit(cp)) {
                    start = i;
                    break;
                }
                i += Character.charCount(cp);
            }
        }
        if (start < 0) {
            at = n;
            finalOffset = correctOffset(n);
            return false;
        }
        char[] out = term.buffer();
        int len = 0;
        while (i < n) {
            char c = t[i];
            if (c < 128) {
                if (!ASCII_WORD[c]) {
                    break;
                }
                if (len >= out.length - 1) {
                    out = term.resizeBuffer(2 + len);
                }
                out[len++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                i++;
            } else {
                int cp = Character.codePointAt(t, i, n);
                if (!Character.isLetterOrDigit(cp)) {
                    break;
                }
                if (len >= out.length - 1) {
                    out = term.resizeBuffer(2 + len);
                }
                len += Character.toChars(Character.toLowerCase(cp), out, len);
                i += Character.charCount(cp);
            }
            if (len >= MAX_WORD) {
                break; // as CharTokenizer: the rest of the run is the next word
            }
        }
        term.setLength(len);
        at = i;
        offsets.setOffset(correctOffset(start), finalOffset = correctOffset(i));
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        offsets.setOffset(finalOffset, finalOffset);
    }
}
