145
chain`c|chain`c|chain|chain`c+0x4|3

exit: 0
