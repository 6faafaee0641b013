/*
 * The line shapes of fio's normal output. Labels are the event kinds the visitor builds;
 * the fields inside are checked there, where their names and units are known.
 */
parser grammar FioParser;

options { tokenVocab = FioLexer; }

line
    : VERSION EOF                                                   # version
    | NOTICE ~EOF* EOF                                              # notice
    | ETA EOF                                                       # eta
    | REPEAT EOF                                                    # repeat
    | STARTING count=VALUE unit=WORD EOF                            # starting
    | RUN_STATUS groupId=VALUE LPAREN WORD WORD RPAREN COLON EOF      # runStatus
    | DISK_STATS EOF                                                # diskStatsHeader
    | DIR_HEAD fields EOF                                           # direction
    | PCT_HEAD LPAREN unit=WORD RPAREN COLON EOF                    # percentileHeader
    | PCT_ROW percentile (COMMA percentile)* COMMA? EOF             # percentileRow
    | LAT_HEAD LPAREN unit=WORD RPAREN COLON fields EOF             # latency
    | BW_HEAD fields EOF                                            # bandwidth
    | IOPS_HEAD fields EOF                                          # iopsStat
    | CPU_HEAD fields EOF                                           # cpu
    | DEPTHS_HEAD fields EOF                                        # depths
    | ISSUED_HEAD fields EOF                                        # issued
    | LATENCY_HEAD fields EOF                                       # latencyTarget
    | GROUP_DIR_HEAD fields EOF                                     # groupDirection
    | DEVICE_HEAD fields EOF                                        # diskStats
    | JOB_HEAD LPAREN fields RPAREN COLON segment (COLON segment?)* EOF # jobLine
    | JOB_HEAD fields? EOF                                          # jobNote
    ;

percentile
    : KEY LBRACK VALUE RBRACK
    ;

segment
    : fields
    ;

fields
    : field ((COMMA | SEMI)? field)*
    ;

field
    : KEY value*                                                    # keyValue
    | value+                                                        # bare
    ;

value
    : VALUE | WORD | QUOTED | RWD | STRAY | group | LBRACK (~RBRACK)* RBRACK
    ;

group
    : LPAREN (~(LPAREN | RPAREN) | group)* RPAREN
    ;
