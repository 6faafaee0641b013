/*
 * A transcript is blocks: a section header, or a command with the lines it printed.
 * Lines before the first command are loose. What a block's lines mean (fio output, a kernel
 * log tail, anything else) is for the grammar of that program.
 */
parser grammar TranscriptParser;

options { tokenVocab = TranscriptLexer; }

transcript
    : block* EOF
    ;

block
    : SECTION                       # section
    | COMMAND output*               # command
    | output                        # loose
    ;

output
    : TEXT | INTERRUPT | ANNOTATION | ELISION | BLANK
    ;
