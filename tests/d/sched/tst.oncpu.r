on >= 5: 1, off >= 5: 1
sleeper

exit: 0
