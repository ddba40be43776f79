dscope: failed to compile script err.D_PRINTF_DYN_PROTO.width.d: [D_PRINTF_DYN_PROTO] line 7: printf( ) prototype mismatch: conversion #1 (%d) is missing a corresponding "*" argument
    7 | 	printf("%*d\n");
      | 	^
exit: 1
