dscope: failed to compile script err.D_PRINTF_ARG_PROTO.toofew.d: [D_PRINTF_ARG_PROTO] line 7: printf( ) prototype mismatch: conversion #2 (%d) is missing a corresponding value argument
    7 | 	printf("%d %d\n", 1);
      | 	^
exit: 1
