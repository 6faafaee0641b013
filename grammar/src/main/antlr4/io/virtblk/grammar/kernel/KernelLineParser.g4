/*
 * The shapes a kernel log line takes. Labels name the format so the visitor knows which
 * fields the prefix carries.
 */
parser grammar KernelLineParser;

options { tokenVocab = KernelLineLexer; }

line
    : PRIORITY? ISO_STAMP HOST FACILITY? TAG mono? message? EOF      # isoLine
    | PRIORITY? SYSLOG_STAMP HOST FACILITY? TAG mono? message? EOF   # syslogLine
    | PRIORITY? CTIME_STAMP message? EOF                             # ctimeLine
    | PRIORITY? MONO_STAMP CALLER? message? EOF                      # monoLine
    | PRIORITY? message? EOF                                         # bareLine
    ;

mono
    : TAG_MONO CALLER?
    ;

message
    : BODY_HEAD BODY?
    | BODY
    ;
