done

exit: 0
