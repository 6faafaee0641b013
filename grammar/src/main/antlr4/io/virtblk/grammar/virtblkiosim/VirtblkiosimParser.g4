/*
 * The virtblkiosim driver's lines (strict: a broken line is a diagnostic naming its column):
 * a file opened and closed (engage, release), an ioctl with its decoded call ID and argument, a
 * data transfer, the module registered and removed, and anything else it says as a note.
 */
parser grammar VirtblkiosimParser;

options { tokenVocab = VirtblkiosimLexer; }

line
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
