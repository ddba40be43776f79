only BEGIN
then END

exit: 0
