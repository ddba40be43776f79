a b !c d
done

exit: 0
