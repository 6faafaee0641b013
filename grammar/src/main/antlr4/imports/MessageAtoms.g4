/*
 * The atoms every grammar of kernel message bodies shares: numbers, quoted characters,
 * punctuation and words. A grammar that imports them keeps its own words first: ANTLR places
 * imported rules after the importing grammar's, so a driver's keyword wins over WORD.
 */
lexer grammar MessageAtoms;

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

fragment HEXDIGIT : [0-9a-fA-F] ;
fragment DIGIT    : [0-9] ;
