paris roma madrid

exit: 0
