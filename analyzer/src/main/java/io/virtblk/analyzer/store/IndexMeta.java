package io.virtblk.analyzer.store;

import io.virtblk.load.InputFormat;
import io.virtblk.load.LoadedSource;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cached index's {@code meta.json} holds: the index format it was made in, what the lines
 * were read with (report kinds and driver lines, the line limit), the source's summary, and the
 * file's identity when it was indexed ({@link IndexCache} reuses an index only when all agree).
 */
public final class IndexMeta {
    /**
     * What the index's documents look like; bumped whenever they change, so an index made by
     * an older version is made again instead of read wrong. 2: kernel reports became one
     * {@code report} event with syzkaller's title. 3: the lines of a pipe, UTF-16 or CR-ended
     * file are read back from a spool of its text. 4: a transcript's output after {@code fg} is
     * the resumed job's (fio's notices there were raw lines).
     */
    // 4: the output after fg read as the resumed job's (transcripts); 5: a time's microseconds kept (EventDocuments.MICROS)
    // 6: a kept event is stored under its type, not its Java class name (EventJson.KEPT)
    // 7: a block trace's other ftrace lines keep their stamp (mono), requeued requests their first issue; no source term per event
    static final int FORMAT = 7;

    public int version = FORMAT;
    /** The fingerprint of the report kinds (and the driver lines, when any) the index was made with. */
    public String reports;
    public String path;
    /** Where the file was, whatever folder it was loaded from (the cache listing shows it); absent in older entries. */
    public String absolutePath;
    public String format;
    public boolean gzip;
    public boolean crlf;
    public int lines;
    public int typedLines;
    public int rawLines;
    public int structuralLines;
    public List<io.virtblk.input.Diagnostic> diagnostics;
    public int diagnosticsDropped;
    public long bytes;
    public long modified;
    public long checksum;
    /** True when the lines are read back from the spool in the index's folder ({@link IndexCache#SPOOL}). */
    public boolean spool;
    /** Lines longer than this were cut when indexed (0 in older entries: they are made again). */
    public int maxLine;

    static IndexMeta of(LoadedSource s) {
        IndexMeta m = new IndexMeta();
        m.path = s.path();
        m.absolutePath = s.readBack().original() ? s.readBack().file() : Path.of(s.path()).toAbsolutePath().normalize().toString();
        m.format = s.format().name();
        m.gzip = s.gzip();
        m.crlf = s.crlf();
        m.lines = s.lines();
        m.typedLines = s.typedLines();
        m.rawLines = s.rawLines();
        m.structuralLines = s.structuralLines();
        m.diagnostics = s.diagnostics();
        m.diagnosticsDropped = s.diagnosticsDropped();
        m.bytes = s.bytes();
        m.modified = s.modifiedMillis();
        m.checksum = s.checksum();
        m.spool = s.readBack().spool();
        m.maxLine = s.readBack().maxLine();
        return m;
    }

    /** The summary of {@code file} (as the user named it now, found at {@code real}) from the index in {@code dir}. */
    LoadedSource toSummary(String name, Path file, Path real, Path dir) {
        LoadedSource.ReadBack readBack = spool ? new LoadedSource.ReadBack(dir.resolve(IndexCache.SPOOL).toString(), false, true, maxLine)
                : new LoadedSource.ReadBack(real.toString(), gzip, false, maxLine);
        return new LoadedSource(name, file.toString(), InputFormat.valueOf(format), gzip, crlf, lines, List.of(), typedLines, rawLines,
                structuralLines, diagnostics == null ? List.of() : diagnostics, diagnosticsDropped, bytes, modified, checksum, readBack);
    }
}
