dscope: failed to compile script err.D_INT_OFLOW.big.d: [D_INT_OFLOW] line 7: constant 99999999999999999999 results in integer overflow
    7 | 	x = 99999999999999999999;
      | 	    ^
exit: 1
