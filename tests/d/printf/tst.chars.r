Hi!
this and that
  x|y  |

exit: 0
