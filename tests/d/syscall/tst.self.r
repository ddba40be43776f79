tenth call returned

exit: 0
