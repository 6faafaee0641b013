package io.virtblk.analyzer.store;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/**
 * Words of the message field are split and lower-cased (see {@link Words}); every keyword
 * field is one exact term, so {@code ioctl.name:BLKFLSBUF} and {@code report.task:fio} match as typed.
 */
final class Analyzers {

    private static final Analyzer INDEX = build();

    private Analyzers() {
    }

    static Analyzer index() {
        return INDEX;
    }

    private static Analyzer build() {
        Map<String, Analyzer> perField = new HashMap<>();
        KeywordAnalyzer keyword = new KeywordAnalyzer();
        for (Schema.Field f : Schema.all()) {
            if (f.kind() == FieldKind.KEYWORD) {
                perField.put(f.name(), keyword);
            }
        }
        return new PerFieldAnalyzerWrapper(new Words(), perField);
    }

    /**
     * What separates message words, as the Java regex a cluster's pattern tokenizer takes: anything
     * but {@link Words}' letters, digits and '_' (isLetterOrDigit is \p{L} and \p{Nd}).
     */
    static final String NOT_WORD = "[^\\p{L}\\p{Nd}_]+";

    /**
     * Message words: runs of letters and digits (plus '_'), lower-cased. Log text is identifiers,
     * numbers and paths, not prose, so the standard tokenizer's grammar buys nothing here and its
     * cost was the largest single item of indexing a big log; this one splits at a character test
     * and lower-cases as it goes ({@link WordTokenizer}).
     */
    static final class Words extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new WordTokenizer());
        }

        @Override
        protected org.apache.lucene.analysis.TokenStream normalize(String fieldName, org.apache.lucene.analysis.TokenStream in) {
            return new org.apache.lucene.analysis.core.LowerCaseFilter(in);
        }
    }
}
