/*
 * One kernel log line: the prefix that says when and where (syslog, RFC 3339 syslog, raw dmesg,
 * dmesg -T, journalctl -k in its short, short-precise, short-iso and short-monotonic shapes,
 * pstore's <N> priority) and the message that follows.
 *
 * The message is one BODY token: its meaning is the business of KernelMessageGrammar (a driver's
 * own grammar for its lines, CallTraceParser for frames), which only sees the messages the
 * reader's classifier flags. Modes carry the lexer from the stamp through
 * host and tag to the free text, so a word in the message can never be taken for a prefix.
 */
lexer grammar KernelLineLexer;

tokens { BODY_HEAD }

PRIORITY     : '<' DIGIT DIGIT? DIGIT? '>' ;
ISO_STAMP    : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT [T ] CLOCK FRACTION? ZONE? -> pushMode(HOST_MODE) ;
SYSLOG_STAMP : MONTH ' ' (' ' DIGIT | DIGIT DIGIT?) ' ' CLOCK FRACTION? -> pushMode(HOST_MODE) ;
CTIME_STAMP  : '[' WEEKDAY ' ' MONTH ' ' (' ' DIGIT | DIGIT DIGIT?) ' ' CLOCK ' ' DIGIT DIGIT DIGIT DIGIT ']' ' '? -> pushMode(BODY_MODE) ;
MONO_STAMP   : MONO -> pushMode(AFTER_MONO_MODE) ;
// Anything else starts a line with no prefix (console output, a continuation): one character,
// so that every stamp above, being longer, wins when it matches.
BARE_HEAD    : ~[\r\n] -> type(BODY_HEAD), pushMode(BODY_MODE) ;

mode HOST_MODE;
HOST_GAP     : ' '+ -> skip ;
HOST         : ~[ \r\n]+ -> mode(TAG_MODE) ;

mode TAG_MODE;
TAG_GAP      : ' '+ -> skip ;
// rsyslog templates that print "kern.err" before the tag
FACILITY     : [a-zA-Z]+ '.' [a-zA-Z]+ ;
TAG          : ~[ :\r\n[]+ ('[' DIGIT+ ']')? ':' -> mode(AFTER_TAG_MODE) ;

mode AFTER_TAG_MODE;
TAG_MONO     : ' '* MONO -> mode(AFTER_MONO_MODE) ;
TAG_BODY     : ~[\r\n] -> type(BODY_HEAD), mode(BODY_MODE) ;

mode AFTER_MONO_MODE;
// Since 5.x the console may add the caller: [    C3] or [T16632]
CALLER       : '[' ' '* [CT] DIGIT+ ']' ;
MONO_BODY    : ~[\r\n] -> type(BODY_HEAD), mode(BODY_MODE) ;

mode BODY_MODE;
BODY         : ~[\r\n]+ ;

fragment MONO     : '[' ' '* DIGIT+ '.' DIGIT+ ']' ;
fragment CLOCK    : DIGIT DIGIT ':' DIGIT DIGIT ':' DIGIT DIGIT ;
fragment FRACTION : [.,] DIGIT+ ;
fragment ZONE     : 'Z' | [+-] DIGIT DIGIT ':'? DIGIT DIGIT ;
fragment MONTH    : 'Jan' | 'Feb' | 'Mar' | 'Apr' | 'May' | 'Jun' | 'Jul' | 'Aug' | 'Sep' | 'Oct' | 'Nov' | 'Dec' ;
fragment WEEKDAY  : 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun' ;
fragment DIGIT    : [0-9] ;
