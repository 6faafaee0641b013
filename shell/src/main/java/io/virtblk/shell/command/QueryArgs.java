package io.virtblk.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A command's options, and the rest of its words as a query, exactly as typed (quotes kept). */
public record QueryArgs(Args options, String query) {

    public static QueryArgs parse(String command, List<Words.Span> spans, String line, Set<String> flags, Set<String> valued) {
        List<String> words = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < spans.size(); i++) {
            Words.Span s = spans.get(i);
            words.add(s.word());
            if (s.word().startsWith("--")) {
                if (valued.contains(s.word()) && i + 1 < spans.size()) {
                    words.add(spans.get(++i).word());
                }
                continue;
            }
            if (!query.isEmpty()) {
                query.append(' ');
            }
            query.append(line, s.start(), s.end());
        }
        return new QueryArgs(Args.parse(command, words, flags, valued), query.toString());
    }
}
