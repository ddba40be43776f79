dscope

exit: 0
