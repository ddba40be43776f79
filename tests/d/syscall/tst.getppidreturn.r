10 returns

exit: 0
