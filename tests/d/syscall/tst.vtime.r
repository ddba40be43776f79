sysmix
vd > 0: 1
vd <= d: 1

exit: 0
