dscope: failed to compile script err.D_CHR_NL.char.d: [D_CHR_NL] line 7: newline encountered in character constant
    7 | 	x = 'a;
      | 	    ^
exit: 1
