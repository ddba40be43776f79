dscope: failed to compile script err.D_IDENT_UNDEF.usebeforeset.d: [D_IDENT_UNDEF] line 17: failed to resolve y: Unknown variable name
   17 | 	printf("%d %s %d\n", x, s, y);
      | 	                           ^
exit: 1
