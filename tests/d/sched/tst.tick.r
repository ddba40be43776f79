ticked in the busy process: 1

exit: 0
