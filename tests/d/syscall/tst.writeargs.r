sysmix
fd=1 buf!=0:1 n=7

exit: 0
