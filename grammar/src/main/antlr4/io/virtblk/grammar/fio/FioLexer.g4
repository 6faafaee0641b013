/*
 * fio's normal (text) output, one line at a time, fio 2.x and 3.x.
 *
 * Each line opens with a head that says what kind of line it is ("  read :", "    clat (usec):",
 * "     |", "  cpu          :", "Run status group", "  vda:" ...); the head switches to FIELDS
 * mode, where the rest is key=value pairs, bare values and bracketed groups. The parser checks
 * the shape; the visitor gives the values their units and meaning.
 */
lexer grammar FioLexer;

VERSION        : 'fio-' [0-9] ~[ \t\r\n]* ;
NOTICE         : 'fio:' -> mode(FIELDS) ;
ETA            : 'Jobs:' ~[\r\n]* ;
// numjobs=N prints the job header once, then "..."
REPEAT         : '...' [ \t]* ;
STARTING       : 'Starting' -> mode(FIELDS) ;
RUN_STATUS     : 'Run status group' -> mode(FIELDS) ;
DISK_STATS     : 'Disk stats (read/write):' ;
DIR_HEAD       : GAP ('read' | 'write' | 'trim' | 'mixed') GAP? ':' -> mode(FIELDS) ;
PCT_HEAD       : GAP ('clat' | 'lat' | 'slat') ' percentiles' -> mode(FIELDS) ;
LAT_HEAD       : GAP ('clat' | 'lat' | 'slat') -> mode(FIELDS) ;
PCT_ROW        : GAP '|' -> mode(FIELDS) ;
BW_HEAD        : GAP 'bw' GAP? '(' ~[)\r\n]* ')' GAP? ':' -> mode(FIELDS) ;
IOPS_HEAD      : GAP 'iops' GAP? ':' -> mode(FIELDS) ;
CPU_HEAD       : GAP 'cpu' GAP? ':' -> mode(FIELDS) ;
DEPTHS_HEAD    : GAP ('IO depths' | 'submit' | 'complete') GAP? ':' -> mode(FIELDS) ;
ISSUED_HEAD    : GAP 'issued' (' rwts' | ' rwt')? GAP? ':' -> mode(FIELDS) ;
LATENCY_HEAD   : GAP 'latency' GAP? ':' -> mode(FIELDS) ;
GROUP_DIR_HEAD : GAP ('READ' | 'WRITE' | 'TRIM' | 'MIXED') ':' -> mode(FIELDS) ;
DEVICE_HEAD    : GAP ~[ \t\r\n:]+ ':' -> mode(FIELDS) ;
// A job name: anything up to the first colon that is not indented and has no parenthesis.
JOB_HEAD       : ~[ \t\r\n:(] ~[\r\n:(]* ':' -> mode(FIELDS) ;
OTHER          : ~[\r\n] -> mode(FIELDS) ;

mode FIELDS;
// fio 2.x issued counts: r=8192/w=0/d=0
RWD            : 'r=' DIGIT+ '/w=' DIGIT+ ('/d=' DIGIT+)? ('/x=' DIGIT+)? ;
KEY            : ('>=' | '<=')? [a-zA-Z0-9_.]+ '=' ;
VALUE          : DIGIT ATOM_CHAR* ;
WORD           : ~[0-9 \t\r\n,()[\]=:;'] ATOM_CHAR* ;
QUOTED         : '\'' ~['\r\n]* '\'' ;
LPAREN         : '(' ;
RPAREN         : ')' ;
LBRACK         : '[' ;
RBRACK         : ']' ;
COMMA          : ',' ;
COLON          : ':' ;
SEMI           : ';' ;
EQ             : '=' ;
FIELD_GAP      : [ \t]+ -> skip ;
// Anything else is one token, so an odd character is a parse error with a column, not a lexer failure.
STRAY          : . ;

fragment ATOM_CHAR : ~[ \t\r\n,()[\]=:;] ;
fragment GAP       : [ \t]+ ;
fragment DIGIT     : [0-9] ;
