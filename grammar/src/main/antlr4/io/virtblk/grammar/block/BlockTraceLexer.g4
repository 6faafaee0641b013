/*
 * Words of a block-layer trace event's body, after the reader has taken its prefix (task, pid,
 * CPU, flags, time; or blkparse's device, CPU, sequence, time and pid):
 *
 *   block_rq_issue:    7,0 WS 4096 () 95232 + 8 be,0,4 [fio]
 *   block_rq_complete: 7,0 WS () 95232 + 8 be,0,4 [0]
 *   blk tracer:        7,0    C  WS 95232 + 8 [0]
 *   block_bio_remap:   253,0 R 2048 + 8 <- (7,0) 4096
 *   block_split:       7,0 W 1024 / 1280 [fio]
 *   block_unplug:      [fio] 1
 */
lexer grammar BlockTraceLexer;

DEV        : DIGIT+ ',' DIGIT+ ;
// an I/O priority as 6.x kernels print it: class,level,hint (be,0,4; trace-cmd: 0x2,0,4; none,0,0)
IOPRIO     : [a-z0-9]+ ',' DIGIT+ ',' DIGIT+ ;
// the command bytes of a passthrough request, () for a filesystem one; a remap's origin device (7,0)
CMD        : '(' ~[()\r\n]* ')' ;
// who issued it ([fio], [kworker/u8:2]), or a completion's error ([0], [-5])
BRACKET    : '[' ~[\]\r\n]* ']' ;
REMAP      : '<-' ;
LETTERS    : [A-Za-z]+ ;
NUMBER     : DIGIT+ ;
PLUS       : '+' ;
SLASH      : '/' ;
WS         : [ \t]+ -> skip ;
// anything else is one token, so the lexer never fails; the parser names the column
ANY        : . ;

fragment DIGIT : [0-9] ;
