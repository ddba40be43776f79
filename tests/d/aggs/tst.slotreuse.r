400 keys made
in 50 batches

exit: 0
