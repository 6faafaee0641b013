/*
 * A block-layer trace event's body. Two entry rules, chosen by the reader: tracepoint for the
 * body of a block_* tracepoint (ftrace text, trace-cmd report), action for the blk tracer's and
 * blkparse's (the action letter comes first, after the device). Both end in the same parts:
 * the request's size in bytes, its command, where it lies (sector + count, or a split's sector
 * / new sector), the I/O priority, a remap's origin, who issued it or the error, and a count.
 */
parser grammar BlockTraceParser;

options { tokenVocab = BlockTraceLexer; }

tracepoint
    : DEV rwbs=LETTERS parts EOF                                     # deviceEvent
    | BRACKET count=NUMBER? EOF                                      # queueEvent
    ;

action
    : DEV act=LETTERS rwbs=LETTERS parts EOF                         # actionEvent
    | DEV act=LETTERS ~EOF* EOF                                     # actionNote
    ;

parts
    : (bytes=NUMBER)? CMD? where? IOPRIO? remap? who=BRACKET? count=NUMBER?
    ;

where
    : sector=NUMBER PLUS sectors=NUMBER                              # extent
    | sector=NUMBER SLASH newSector=NUMBER                           # split
    ;

remap
    : REMAP from=(CMD | DEV) fromSector=NUMBER
    ;
