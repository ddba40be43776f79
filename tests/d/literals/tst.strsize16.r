16 abcdefghijklmno

exit: 0
