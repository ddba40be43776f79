BEGIN

exit: 0
