sysmix
entry 4
return 4

exit: 0
