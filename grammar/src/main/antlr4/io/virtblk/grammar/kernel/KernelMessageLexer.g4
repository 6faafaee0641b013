/*
 * Words of the kernel messages virtblk-shell understands: the virtblkiosim driver's own lines
 * and call-trace frames. Every other word
 * is a WORD; the reader only hands this lexer the messages its classifier flags.
 */
lexer grammar KernelMessageLexer;

// --- the virtblkiosim driver (drivers print "<name>: " first) ---
DRIVER        : 'virtblkiosim:' ;
ARROW         : '===>' ;
IOCTL_ID      : 'ioctl() call ID:' ;
ENGAGE        : 'Device engage:' ;
RELEASE       : 'Device release:' ;
PRIVATE_DATA  : 'private_data:' ;
TRANSFER      : 'Data transfer dir:' ;
REGISTERED    : 'Device registered with major number of' ;
UNREGISTERED  : 'Device unregistered' | 'Device removed' | 'Module removed' ;
DIR_KEY       : 'dir:' ;
SIZE_KEY      : 'size:' ;
CHR_KEY       : 'chr:' ;
FUNC_KEY      : 'func:' ;
ARG_KEY       : 'arg:' ;
IE            : 'i.e.' ;

// --- call-trace frames ---
ADDRESS       : '[<' HEXDIGIT+ '>]' ;
MARKER        : '<' '/'? [A-Z]+ '>' ;
FRAME_SYMBOL  : SYMCHAR+ '+0x' HEXDIGIT+ '/0x' HEXDIGIT+ ;
SOURCE_LINE   : [a-zA-Z0-9_./-]+ '.' [chS] ':' DIGIT+ ;
INLINE        : '[inline]' ;
MODULE        : '[' [a-zA-Z0-9_]+ ']' ;

// --- atoms ---
HEX           : '0x' HEXDIGIT+ ;
NUMBER        : DIGIT+ ('.' DIGIT+)? ;
QUOTED        : '\'' ~[\r\n]? '\'' ;
QMARK         : '?' ;
LPAREN        : '(' ;
RPAREN        : ')' ;
LBRACK        : '[' ;
RBRACK        : ']' ;
PIPE          : '|' ;
COMMA         : ',' ;
COLON         : ':' ;
BANG          : '!' ;
WORD          : ~[ \t\r\n()|,'[\]!:]+ ;
WS            : [ \t]+ -> skip ;
// Anything else (a lone quote, a control character) is one token, so the lexer never fails.
ANY           : . ;

fragment SYMCHAR  : [a-zA-Z0-9_.$] ;
fragment HEXDIGIT : [0-9a-fA-F] ;
fragment DIGIT    : [0-9] ;
