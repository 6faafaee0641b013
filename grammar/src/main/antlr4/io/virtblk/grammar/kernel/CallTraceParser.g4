/*
 * One line of a call trace: a frame ({@code ext4_filemap_fault+0x5c/0x90 [ext4]}, with or
 * without its address, module, source line and "?") or a stack marker ({@code <IRQ>}). Kernel
 * reports themselves are recognised from the table of report kinds
 * (io/virtblk/grammar/report/report-kinds.json), which users extend without recompiling; a
 * driver's own lines by its grammar (io.virtblk.grammar.driver.DriverGrammar).
 */
parser grammar CallTraceParser;

options { tokenVocab = CallTraceLexer; }

frame
    : ADDRESS? QMARK? FRAME_SYMBOL MODULE? SOURCE_LINE? INLINE? EOF            # symbolFrame
    | ADDRESS? QMARK? WORD SOURCE_LINE INLINE? EOF                              # sourceFrame
    | MARKER EOF                                                                # stackMarker
    ;
