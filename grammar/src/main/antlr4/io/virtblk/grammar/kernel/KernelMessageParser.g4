/*
 * Kernel message bodies with meaning. Two entry rules, chosen by the reader's classifier:
 * driverMessage for lines of a known driver (strict: a broken line is a diagnostic), frame for
 * the lines of a call trace. Kernel reports are recognised from the table of report kinds
 * (io/virtblk/grammar/report/report-kinds.json), which users extend without recompiling.
 */
parser grammar KernelMessageParser;

options { tokenVocab = KernelMessageLexer; }

driverMessage
    : DRIVER ENGAGE PRIVATE_DATA data=WORD EOF                                  # engage
    | DRIVER RELEASE PRIVATE_DATA data=WORD EOF                                 # release
    | DRIVER ARROW IOCTL_ID cmd=HEX
        LPAREN DIR_KEY dir=HEX PIPE SIZE_KEY size=HEX PIPE CHR_KEY chr=HEX QUOTED PIPE FUNC_KEY func=HEX RPAREN
        ARROW ARG_KEY arg=NUMBER EOF                                            # ioctl
    | DRIVER ARROW TRANSFER dir=NUMBER COMMA IE meaning+=WORD+ EOF              # transfer
    | DRIVER ARROW symbol=WORD EOF                                              # ioctlSymbol
    | DRIVER ARROW ~(IOCTL_ID | TRANSFER | EOF) ~EOF* EOF                       # trace
    | DRIVER REGISTERED major=NUMBER EOF                                        # registered
    | DRIVER UNREGISTERED ~EOF* EOF                                             # unregistered
    | DRIVER ~(ENGAGE | RELEASE | ARROW | REGISTERED | UNREGISTERED | EOF) ~EOF* EOF # note
    ;

frame
    : ADDRESS? QMARK? FRAME_SYMBOL MODULE? SOURCE_LINE? INLINE? EOF            # symbolFrame
    | ADDRESS? QMARK? WORD SOURCE_LINE INLINE? EOF                              # sourceFrame
    | MARKER EOF                                                                # stackMarker
    ;
