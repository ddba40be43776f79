dscope: failed to compile script err.D_IDENT_UNDEF.compound.d: [D_IDENT_UNDEF] line 7: failed to resolve total: Unknown variable name
    7 | 	total += 5;
      | 	^
exit: 1
