dscope: failed to compile script err.D_PRINTF_ARG_PROTO.printa.d: [D_PRINTF_ARG_PROTO] line 8: printa( ) prototype mismatch: conversion #1 (%d) is missing a corresponding value argument
    8 | 	printa("%d %@d\n", @a);
      | 	^
exit: 1
