dscope: failed to compile script err.D_IDENT_UNDEF.postinc.d: [D_IDENT_UNDEF] line 7: failed to resolve n: Unknown variable name
    7 | 	n++;
      | 	^
exit: 1
