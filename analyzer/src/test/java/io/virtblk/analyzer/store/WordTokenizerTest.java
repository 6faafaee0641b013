package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.junit.jupiter.api.Test;

/**
 * The message's tokenizer gives exactly what Lucene's CharTokenizer and LowerCaseFilter gave
 * (every index made before holds their words): the same words, positions and offsets, on
 * kernel-log text, on random text of every kind of character, and on the corpus when it is there.
 */
class WordTokenizerTest {

    /** What the message field was analysed with before {@link WordTokenizer}. */
    private static final Analyzer REFERENCE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            var source = CharTokenizer.fromTokenCharPredicate(c -> Character.isLetterOrDigit(c) || c == '_');
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
    };
    private static final Analyzer WORDS = new Analyzers.Words();

    @Test
    void kernelLinesSplitAsBefore() throws IOException {
        for (String line : List.of(
                "[ 1087.061234] virtio_blk virtio1: [vda] 2097152 512-byte logical blocks (1.07 GB/1.00 GiB)",
                "engage_dev: BLKFLSBUF(0x1261) é9 ÉTÉ Straße İstanbul",
                "INFO: task fio:6339 blocked for more than 20 seconds.",
                "", "   ", "a", "_", "...__...", "Ω≈ç√∫˜µ≤≥÷ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 x😀y 𐐀𐐁 \uD800 lone \uDC00 surrogates")) {
            assertSame(line);
        }
        assertThat(words("Call Trace: __schedule+0x10/0x20")).containsExactly("call", "trace", "__schedule", "0x10", "0x20");
    }

    @Test
    void aWordLongerThanTheLimitIsCutAsBefore() throws IOException {
        assertSame("x".repeat(WordTokenizer.MAX_WORD));
        assertSame("A".repeat(WordTokenizer.MAX_WORD * 2 + 7) + " tail");
        assertSame("y".repeat(WordTokenizer.MAX_WORD - 1) + "😀z");  // a surrogate pair across the limit
        assertSame("é".repeat(5000) + " " + "b".repeat(9000)); // longer than any buffer either reads through
        assertSame("word ".repeat(20_000)); // a line long enough that its buffer is let go after it
        assertSame("the short line after it");
    }

    @Test
    void randomTextOfEveryKindSplitsAsBefore() throws IOException {
        Random random = new Random(42);
        int[] pool = {'a', 'Z', '0', '_', ' ', '-', '.', ':', '\t', 0xE9, 0xC9, 0x130, 0x3A3, 0x4E2D, 0x1F600, 0x1D518, 0x10400, 0xD800, 0xDC00, 0x2160, 0x0660};
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(n % 100 == 0 ? 1200 : 80);
            for (int i = 0; i < len; i++) {
                int cp = random.nextInt(10) == 0 ? random.nextInt(0x2FFFF) : pool[random.nextInt(pool.length)];
                sb.appendCodePoint(cp);
            }
            assertSame(sb.toString());
        }
    }

    @Test
    void theCorpusSplitsAsBefore() throws IOException {
        Path corpus = Path.of(System.getProperty("virtblk.corpus", "../../shared/corpus"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus.toAbsolutePath());
        int lines = 0;
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toFile().length() < 4_000_000).toList()) {
                for (String line : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\n")) {
                    assertSame(line);
                    lines++;
                }
            }
        }
        assertThat(lines).isGreaterThan(10_000);
    }

    private static void assertSame(String text) throws IOException {
        assertThat(tokens(WORDS, text)).as("%s", text.length() > 80 ? text.substring(0, 80) + "..." : text).isEqualTo(tokens(REFERENCE, text));
    }

    private static List<String> words(String text) throws IOException {
        List<String> tokens = tokens(WORDS, text);
        return tokens.subList(0, tokens.size() - 1).stream().map(t -> t.substring(0, t.indexOf('@'))).toList();
    }

    /** Each token as "term@position:start-end", then the final offset. */
    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("message", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += inc.getPositionIncrement();
                out.add(term + "@" + position + ":" + offset.startOffset() + "-" + offset.endOffset());
            }
            ts.end();
            out.add("end@" + offset.endOffset());
        }
        return out;
    }
}
