/*
 * Kernel message bodies with meaning. Three entry rules, chosen by the reader's classifier:
 * driverMessage for lines of a known driver (strict: a broken line is a diagnostic),
 * signature for watchdog and crash reports, frame for the lines of a call trace.
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

signature
    : ~EOF*? HUNG_TASK task+=~BLOCKED+ BLOCKED seconds=NUMBER ~EOF* EOF          # hungTask
    | ~EOF*? SOFT_LOCKUP cpu=CPU_REF STUCK_FOR duration=WORD BANG
        LBRACK task+=~RBRACK+ RBRACK ~EOF* EOF                                  # softLockup
    | ~EOF*? HARD_LOCKUP cpu=NUMBER ~EOF* EOF                                   # hardLockup
    | ~EOF*? RCU_STALL ~EOF* EOF                                                # rcuStall
    | ~EOF*? KERNEL_BUG ~EOF* EOF                                               # kernelBug
    | ~EOF*? BUG ~EOF* EOF                                                      # bug
    | ~EOF*? OOPS ~EOF* EOF                                                     # oops
    | ~EOF*? WARNING ~EOF* EOF                                                  # warning
    | ~EOF*? GPF ~EOF* EOF                                                      # gpf
    | ~EOF*? PANIC ~EOF* EOF                                                    # panic
    | CALL_TRACE EOF                                                            # callTrace
    ;

frame
    : ADDRESS? QMARK? FRAME_SYMBOL MODULE? SOURCE_LINE? INLINE? EOF            # symbolFrame
    | ADDRESS? QMARK? WORD SOURCE_LINE INLINE? EOF                              # sourceFrame
    | MARKER EOF                                                                # stackMarker
    ;
