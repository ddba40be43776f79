sysmix
read*: readv 1
read*: read 2
other: pread64 1

exit: 0
