sysmix
mask 77 doubled 176
mask 22 doubled 44

exit: 0
