dscope: failed to compile script err.D_SYNTAX.unclosedbrace.d: [D_SYNTAX] line 9: syntax error near end of input
exit: 1
