end

exit: 0
