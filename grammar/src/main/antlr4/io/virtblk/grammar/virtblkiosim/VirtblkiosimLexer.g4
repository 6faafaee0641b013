/*
 * Words of the virtblkiosim driver's own kernel lines, each printed "virtblkiosim: " first. The
 * reader hands this lexer only the messages that start so.
 */
lexer grammar VirtblkiosimLexer;

import MessageAtoms;

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
