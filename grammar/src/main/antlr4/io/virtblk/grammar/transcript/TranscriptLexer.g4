/*
 * The block structure of a session transcript (what an engineer pastes from a terminal):
 * one token per line. Ties between rules of equal length go to the rule written first,
 * so TEXT, last, only takes lines nothing else claims.
 */
lexer grammar TranscriptLexer;

SECTION    : '# ===' REST ;
COMMAND    : '$ ' REST ;
INTERRUPT  : '^C' [ \t]* EOL ;
ANNOTATION : '<==' REST ;
ELISION    : '...' [ \t]* EOL ;
BLANK      : [ \t]* EOL ;
TEXT       : ~[\n]+ EOL? ;

fragment REST : ~[\n]* EOL? ;
fragment EOL  : '\n' ;
