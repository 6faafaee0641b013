package io.virtblk.analyzer.store;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Words of the message field are split and lower-cased by the standard analyzer; every keyword
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
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(org.apache.lucene.analysis.CharArraySet.EMPTY_SET), perField);
    }
}
