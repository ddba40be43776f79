dscope: failed to compile script err.D_CHR_NULL.empty.d: [D_CHR_NULL] line 7: empty character constant
    7 | 	x = '';
      | 	    ^
exit: 1
