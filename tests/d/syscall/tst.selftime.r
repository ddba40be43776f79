sysmix
slept >= 1ms: 1
cleared: 0

exit: 0
