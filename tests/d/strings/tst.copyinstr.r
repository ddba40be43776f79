/dev/null 9
/dev

exit: 0
