dscope: failed to compile script err.D_PRINTF_ARG_PROTO.third.d: [D_PRINTF_ARG_PROTO] line 8: printf( ) prototype mismatch: conversion #3 (%d) is missing a corresponding value argument
    8 | 	printf("%d %s %d\n", 1, "a");
      | 	^
exit: 1
