end

exit: 5
