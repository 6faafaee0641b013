package io.virtblk.grammar.fio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.virtblk.event.FioEvent;
import io.virtblk.event.Origin;
import io.virtblk.event.RawLine;
import io.virtblk.grammar.EventSink;
import io.virtblk.input.Diagnostic;
import io.virtblk.input.Line;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * fio's JSON and JSON+ output ({@code --output-format=json}, {@code json+}, and the JSON half of
 * {@code normal,json}), fio 2.1 to 3.40, into the same events as the text output: a job result
 * per job (covering the job object's lines), its job options as a header, the disk stats.
 *
 * <p>The jobs array is read one job at a time with Jackson's streaming parser, so a large JSON+
 * file never sits in memory whole; each job becomes a {@link JsonTree} and {@link FioJsonJob}
 * makes its events. A document that breaks off or is malformed gives a diagnostic with the line
 * and the path inside the document; what was read before it stays. A value that is wrong but
 * does not break the document (a duplicate key, a number out of range, a bin that is not a
 * latency) is a diagnostic at its line and column, and the rest loads.
 *
 * <p>Positions come from Jackson's character offsets, mapped to our lines: Jackson also counts a
 * bare CR as a line end, which our lines do not, so its line numbers can run ahead of ours.
 */
public final class FioJsonReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);
    /** Past this, a JSON pointer in a message is cut: one at Jackson's depth limit is 2,000 characters. */
    private static final int POINTER_SHOWN = 80;

    private final String source;
    private final EventSink sink;

    public FioJsonReader(String source, EventSink sink) {
        this.source = source;
        this.sink = sink;
    }

    /** Reads one JSON document made of {@code lines}; every line ends up in an event or counted structural. */
    public void read(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        new Document(lines).read();
    }

    /** One document being read: its text, where each of its lines starts in the text, what it covered. */
    private final class Document implements JsonTree.Problems {
        final List<Line> lines;
        final String text;
        final int[] starts;
        final BitSet covered = new BitSet();
        /** Lines of values skipped as wrong: kept raw, not counted as layout. */
        final BitSet skipped = new BitSet();
        String version;
        LocalDateTime start;
        final Map<String, String> global = new LinkedHashMap<>();

        Document(List<Line> lines) {
            this.lines = lines;
            this.starts = new int[lines.size()];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                starts[i] = sb.length();
                sb.append(lines.get(i).text()).append('\n');
            }
            this.text = sb.toString();
        }

        void read() {
            boolean failed = true;
            JsonParser p = null;
            try {
                p = JSON.createParser(text);
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw issue(p, "expected a JSON object, found " + quote(p.getText()));
                }
                Set<String> seen = new HashSet<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonLocation nameAt = p.currentTokenLocation();
                    p.nextToken();
                    if (!seen.add(field)) {
                        report(nameAt, "/" + field, "duplicate key " + Diagnostic.quote(field) + " in one object; the first value is kept, "
                                + "this one is ignored");
                        skip(p, nameAt);
                        continue;
                    }
                    member(p, field, nameAt);
                }
                failed = false;
            } catch (JsonIssue e) {
                sink.diagnostic(new Diagnostic(source, e.line, e.column, e.getMessage()));
            } catch (JsonProcessingException e) {
                // a depth or length limit comes without a location: the token the parser was starting broke it
                JsonLocation at = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentTokenLocation();
                String path = p == null ? "" : shown(p.getParsingContext().pathAsPointer().toString());
                String message = e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
                sink.diagnostic(new Diagnostic(source, line(at), column(at), "fio JSON" + (path.isEmpty() ? "" : " at " + path) + ": " + message));
            } catch (IOException e) {
                sink.diagnostic(new Diagnostic(source, lines.getFirst().number(), 0, "fio JSON: " + e.getMessage()));
            } finally {
                if (p != null) {
                    try {
                        p.close();
                    } catch (IOException e) {
                        // a parser over a string has nothing to release
                    }
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!covered.get(i)) {
                    Line l = lines.get(i);
                    if (failed || skipped.get(i)) {
                        // what the broken document held is kept, not counted as layout
                        sink.event(new RawLine(Origin.of(source, l.number()), l.text(), "fio JSON"), 1);
                    } else {
                        sink.structural(l.number());
                    }
                }
            }
        }

        /** One member of the document's object; the parser is on its value. */
        private void member(JsonParser p, String field, JsonLocation nameAt) throws IOException {
            switch (field) {
                case "fio version" -> {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        report(p.currentTokenLocation(), "/fio version", "expected fio's version as a string, found " + quote(p.getText()));
                        skip(p, nameAt);
                        return;
                    }
                    version = p.getText().startsWith("fio-") ? p.getText().substring(4) : p.getText();
                    int i = index(nameAt);
                    sink.event(new FioEvent.Version(Origin.of(source, lines.get(i).number()), lines.get(i).text(), version), 1);
                    covered.set(i);
                }
                case "time" -> {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        start = time(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                case "global options" -> JsonTree.read(p, "/global options", this).root().properties()
                        .forEach(e -> global.put(e.getKey(), e.getValue().asText()));
                case "jobs" -> {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw issue(p, "expected the jobs array, found " + quote(p.getText()));
                    }
                    int n = 0;
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
                        if (element(p, "/jobs/" + n, "a job object")) {
                            job(p, n);
                        }
                    }
                }
                case "disk_util" -> {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        return;
                    }
                    int n = 0;
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), n++) {
                        if (element(p, "/disk_util/" + n, "a disk object")) {
                            int from = index(p.currentTokenLocation());
                            JsonTree d = JsonTree.read(p, "/disk_util/" + n, this);
                            int to = index(p.currentTokenLocation());
                            sink.event(new FioJsonJob(source, d, this).disk(origin(from, to), text(from, to)), to - from + 1);
                            covered.set(from, to + 1);
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }

        /** True when the array element the parser is on is an object; else reported, skipped and kept raw. */
        private boolean element(JsonParser p, String pointer, String expected) throws IOException {
            if (p.currentToken() == null) {
                throw issue(p, "the document ends inside an array");
            }
            if (p.currentToken() == JsonToken.START_OBJECT) {
                return true;
            }
            JsonLocation at = p.currentTokenLocation();
            report(at, pointer, "expected " + expected + ", found " + quote(p.getText()));
            skip(p, at);
            return false;
        }

        private void job(JsonParser p, int n) throws IOException {
            int from = index(p.currentTokenLocation());
            JsonTree job = JsonTree.read(p, "/jobs/" + n, this);
            int to = index(p.currentTokenLocation());
            for (FioEvent e : new FioJsonJob(source, job, this).events(origin(from, to), text(from, to), lines.get(from).text(), version,
                    start, global)) {
                // the header is the first line's, which the result covers
                sink.event(e, e instanceof FioEvent.JobResult ? to - from + 1 : 0);
            }
            covered.set(from, to + 1);
        }

        /** Skips the value the parser is on and marks its lines raw. */
        private void skip(JsonParser p, JsonLocation from) throws IOException {
            p.skipChildren();
            skipped.set(index(from), index(p.currentTokenLocation()) + 1);
        }

        /**
         * fio lists an option each time the job file set it ({@code "filename"} twice in fio
         * 2.17's global options; the last is the one it used), and fio 2.1 fills unused
         * percentile slots with {@code "0.00" : 0}.
         */
        @Override
        public boolean fiosOwnRepeat(String pointer, String key) {
            return pointer.equals("/global options") || pointer.endsWith("/job options") || (pointer.endsWith("/percentile") && key.equals("0.00"));
        }

        @Override
        public void report(JsonLocation at, String pointer, String message) {
            sink.diagnostic(new Diagnostic(source, line(at), column(at), "fio JSON at " + shown(pointer) + ": " + message));
        }

        private JsonIssue issue(JsonParser p, String message) {
            JsonLocation at = p.currentTokenLocation();
            return new JsonIssue("fio JSON at " + shown(p.getParsingContext().pathAsPointer().toString()) + ": " + message, line(at), column(at));
        }

        /** The index in {@link #lines} of the line holding {@code at}. */
        private int index(JsonLocation at) {
            long offset = at == null ? -1 : at.getCharOffset();
            if (offset < 0) {
                return 0;
            }
            int i = Arrays.binarySearch(starts, (int) Math.min(offset, Integer.MAX_VALUE));
            return Math.min(i >= 0 ? i : -i - 2, lines.size() - 1);
        }

        private int line(JsonLocation at) {
            return lines.get(index(at)).number();
        }

        /** 1-based; 0 (the whole line) when Jackson gave no offset. */
        private int column(JsonLocation at) {
            if (at == null || at.getCharOffset() < 0) {
                return 0;
            }
            int i = index(at);
            return (int) Math.min(at.getCharOffset() - starts[i] + 1, lines.get(i).text().length() + 1);
        }

        private Origin origin(int from, int to) {
            return new Origin(source, lines.get(from).number(), lines.get(to).number());
        }

        private String text(int from, int to) {
            StringBuilder sb = new StringBuilder();
            for (int i = from; i <= to; i++) {
                sb.append(i == from ? "" : "\n").append(lines.get(i).text());
            }
            return sb.toString();
        }
    }

    private static String shown(String pointer) {
        return pointer.length() <= POINTER_SHOWN ? pointer : pointer.substring(0, POINTER_SHOWN) + "...";
    }

    private static LocalDateTime time(String s) {
        try {
            return LocalDateTime.parse(s.replaceAll(" +", " "), CTIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String quote(String s) {
        return Diagnostic.quote(s == null ? "end of input" : s);
    }

    /** A structural problem in the document, found while walking it, with its position. */
    private static final class JsonIssue extends IOException {
        final int line;
        final int column;

        JsonIssue(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }
}
