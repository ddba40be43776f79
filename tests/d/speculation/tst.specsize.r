first 1
second 2
dscope: 1 speculative drop

exit: 0
