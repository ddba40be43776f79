dscope: failed to compile script err.D_MACRO_UNDEF.dollardollar.d: [D_MACRO_UNDEF] line 9: macro argument $$2 is not defined
    9 | 	printf("%s %s\n", $$1, $$2);
      | 	                       ^
exit: 1
