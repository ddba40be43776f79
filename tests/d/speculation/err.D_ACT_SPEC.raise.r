dscope: failed to compile script err.D_ACT_SPEC.raise.d: [D_ACT_SPEC] line 10: destructive actions may not follow speculate( )
   10 | 	raise(9);
      | 	^
exit: 1
