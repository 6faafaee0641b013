/*
 * Words of a call trace's lines, the frames a kernel report prints under "Call Trace:". The
 * reader only hands this lexer the messages its classifier flags as possible frames.
 */
lexer grammar CallTraceLexer;

import MessageAtoms;

ADDRESS       : '[<' HEXDIGIT+ '>]' ;
MARKER        : '<' '/'? [A-Z]+ '>' ;
FRAME_SYMBOL  : SYMCHAR+ '+0x' HEXDIGIT+ '/0x' HEXDIGIT+ ;
SOURCE_LINE   : [a-zA-Z0-9_./-]+ '.' [chS] ':' DIGIT+ ;
INLINE        : '[inline]' ;
MODULE        : '[' [a-zA-Z0-9_]+ ']' ;

fragment SYMCHAR  : [a-zA-Z0-9_.$] ;
